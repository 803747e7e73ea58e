# Windows PowerShell 5.1 where it differs from the pwsh 7 these tests run in, in ways the scripts
# meet. The shipped runtime is 5.1 (powershell.exe); no machine here has it, so the behaviour is
# reproduced here, each with its source, and a script that only works on 7 fails its test.
#
# Left to the README's known gaps (no test here reaches them): ConvertTo-Json's serializer
# (5.1 uses JavaScriptSerializer: it escapes < > ' & as \u003c..., and serializes an array that
# carries a PSObject wrapper with its ETS Count, {"value":[...],"Count":n}; the app reads every
# envelope with JSON.parse, and Write-Envelope never passes a wrapped array), the OEM code page
# native tools write in, and Get-HotFix's ManagementObject itself (modelled in System.ps1).

# --- Sort-Object: a property getter that throws -------------------------------------------------
# 5.1 reports each object whose sort property throws as a non-terminating error, "Exception
# getting "InstalledOn": "Exception calling "Parse" with "1" argument(s): "String was not
# recognized as a valid DateTime.""" (GetValueInvocationException, InvalidResult,
# ExpressionEvaluation,Microsoft.PowerShell.Commands.SortObjectCommand), and still sorts the object
# with no key: microsoft/mdefordownlevelserver#15 (Get-HotFix | Sort-Object -Property InstalledOn
# on Windows Server 2012 R2), dpaulson45/HealthChecker#288. pwsh 7 sorts it silently (measured
# with pwsh 7.6.9: no error record, even under $ErrorActionPreference = 'Stop'). Sort-Object is a
# compiled cmdlet, so the error honours the caller's $ErrorActionPreference: a script's 'Stop'
# turns it into a terminating error there.
function Sort-Object {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0)][object[]]$Property,
        [switch]$Descending,
        [switch]$Unique,
        [switch]$CaseSensitive,
        [string]$Culture,
        [Parameter(ValueFromPipeline = $true)][psobject]$InputObject
    )
    begin {
        $ErrorActionPreference = Use-CallerErrorAction -Cmdlet $PSCmdlet -Bound $PSBoundParameters
        $items = New-Object -TypeName System.Collections.Generic.List[psobject]
    }
    process {
        if ($PSBoundParameters.ContainsKey('InputObject')) { $items.Add($InputObject) }
    }
    end {
        foreach ($item in $items) {
            foreach ($name in @($Property | Where-Object -FilterScript { $_ -is [string] })) {
                $member = $item.PSObject.Properties[$name]
                if ($null -eq $member) { continue }
                # pwsh 7 answers $null for a getter that fails (so did 5.1 outside Sort-Object:
                # codaamok's "Blank InstalledOn Property"): the getter is run here to see it fail.
                try {
                    if ($member -is [System.Management.Automation.PSScriptProperty]) {
                        $context = New-Object -TypeName 'System.Collections.Generic.List[psvariable]'
                        $context.Add((New-Object -TypeName System.Management.Automation.PSVariable -ArgumentList 'this', $item))
                        $null = $member.GetterScript.InvokeWithContext($null, $context)
                    } else {
                        $null = $member.Value
                    }
                } catch {
                    $message = 'Exception getting "{0}": "{1}"' -f $name, $_.Exception.Message
                    $failure = New-Object -TypeName System.Management.Automation.GetValueInvocationException -ArgumentList $message, $_.Exception
                    $PSCmdlet.WriteError((New-FakeErrorRecord -Exception $failure -ErrorId 'ExpressionEvaluation' -Category InvalidResult -Target $item))
                }
            }
        }
        $forward = @{}
        foreach ($name in @('Property', 'Descending', 'Unique', 'CaseSensitive', 'Culture')) {
            if ($PSBoundParameters.ContainsKey($name)) { $forward[$name] = $PSBoundParameters[$name] }
        }
        if ($items.Count -gt 0) { $items | Microsoft.PowerShell.Utility\Sort-Object @forward }
    }
}

# --- The machine's culture ----------------------------------------------------------------------
# A localized Windows parses and formats with its own culture wherever a script (or PowerShell's
# type data, e.g. Get-HotFix's InstalledOn) does not name one: [DateTime]::Parse(s) with one
# argument reads "11/10/2026" as 11 October under de-DE ("DateTime.Parse", learn.microsoft.com:
# "uses the formatting conventions of the current culture"). The state names it as culture
# ("de-DE"); without it, the process's own culture stays.
$script:ProcessCulture = [System.Globalization.CultureInfo]::CurrentCulture

function Initialize-FakeCulture {
    $name = Get-FakeSection -Name 'culture'
    if ($null -eq $name) {
        [System.Globalization.CultureInfo]::CurrentCulture = $script:ProcessCulture
        return
    }
    [System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo([string]$name)
}
