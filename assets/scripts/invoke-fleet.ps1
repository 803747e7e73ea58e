<#
.SYNOPSIS
    Runs RDP Doctor's server checks on many computers at once over PowerShell remoting
    (rdp-doctor check --computers).
.DESCRIPTION
    Arguments (base64 JSON): computers (names as listed), throttleLimit, timeoutMs (per computer,
    from the moment its turn starts), useSsl, and payload: the full path of the check script RDP
    Doctor generated (every server check, -Report mode, nothing changed). Windows' own engine does
    the work: Invoke-Command -ComputerName <all> -ThrottleLimit N -FilePath <payload> -AsJob, one
    child job per computer. This script prints one JSON line per computer as each ends:
    { computer, ok, output | error, timedOut, ms }. A computer that cannot be reached is a line
    with Windows' reason, never a stop; one past its time is stopped (Stop-Job) and says so.
    The credentials come from the RDP_DOCTOR_REMOTE_CREDENTIAL environment variable of this process
    (base64 JSON of userName and password), never from command text; without it, the account
    running this (Kerberos / Negotiate) signs in.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

$arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs

function Write-FleetLine {
    param([Parameter(Mandatory = $true)][hashtable]$Line)
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $Line -Depth 4 -Compress))
}

$timeoutMs = [int]$arguments.timeoutMs
$parameters = @{
    ComputerName  = @($arguments.computers | ForEach-Object -Process { [string]$_ })
    ThrottleLimit = [int]$arguments.throttleLimit
    FilePath      = [string]$arguments.payload
    # The payload's positional parameters (about_Functions_CmdletBindingAttribute: PositionalBinding
    # is on by default, in the order declared, switches excluded): -BackupFolder '' -ReportPath '-',
    # which makes its -Report mode write the report as its output instead of a file there.
    ArgumentList  = @('', '-')
    AsJob         = $true
    # A computer that does not answer at all is given up after the same time (New-PSSessionOption).
    SessionOption = (New-PSSessionOption -OpenTimeout $timeoutMs -OperationTimeout $timeoutMs)
}
$secret = [System.Environment]::GetEnvironmentVariable('RDP_DOCTOR_REMOTE_CREDENTIAL')
if ($secret) {
    $given = ConvertFrom-EncodedArgs -Value $secret
    $password = ConvertTo-SecureString -String ([string]$given.password) -AsPlainText -Force
    $parameters.Credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList @([string]$given.userName, $password)
}
if ($arguments.useSsl) { $parameters.UseSSL = $true }

$job = Invoke-Command @parameters
$pending = @{}
foreach ($child in $job.ChildJobs) { $pending[$child.Id] = $child }
$limit = [System.TimeSpan]::FromMilliseconds($timeoutMs)
try {
    while ($pending.Count -gt 0) {
        foreach ($child in @($pending.Values)) {
            $state = [string]$child.JobStateInfo.State
            # PSBeginTime is set when the child job starts: throttled ones wait without it.
            $elapsed = [System.TimeSpan]::Zero
            if ($child.PSBeginTime) { $elapsed = (Get-Date) - $child.PSBeginTime }
            $line = $null
            if ($state -eq 'Completed') {
                $errors = $null
                $output = @(Receive-Job -Job $child -ErrorAction SilentlyContinue -ErrorVariable errors)
                $answers = @($output | Where-Object -FilterScript { $_ -is [string] -and $_.StartsWith('{') })
                if ($answers.Count -gt 0) {
                    $line = @{ computer = [string]$child.Location; ok = $true; output = [string]$answers[$answers.Count - 1] }
                } else {
                    $reason = 'The checks ran but gave no report.'
                    if ($errors) { $reason = [string]$errors[0] }
                    $line = @{ computer = [string]$child.Location; ok = $false; error = $reason; timedOut = $false }
                }
            } elseif ($state -eq 'Failed' -or $state -eq 'Stopped' -or $state -eq 'Disconnected') {
                $reason = "The remote job ended: $state."
                if ($child.JobStateInfo.Reason) { $reason = [string]$child.JobStateInfo.Reason.Message }
                $line = @{ computer = [string]$child.Location; ok = $false; error = $reason; timedOut = $false }
            } elseif ($child.PSBeginTime -and $elapsed -gt $limit) {
                Stop-Job -Job $child
                $line = @{ computer = [string]$child.Location; ok = $false; error = 'timeout'; timedOut = $true }
            }
            if ($line) {
                $line.ms = [int]$elapsed.TotalMilliseconds
                Write-FleetLine -Line $line
                $pending.Remove($child.Id)
            }
        }
        if ($pending.Count -gt 0) { Start-Sleep -Milliseconds 200 }
    }
} finally {
    Remove-Job -Job $job -Force
}
