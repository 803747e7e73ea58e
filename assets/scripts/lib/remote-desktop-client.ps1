# This computer (the client): saved Remote Desktop passwords, Default.rdp and the bitmap cache.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Every TERMSRV/* target that cmdkey /list shows. Its labels are localized ("Target:", "Ziel:",
# "Cible :"), so only the target text itself is matched: an optional "<Type>:target=" prefix,
# then TERMSRV/<name>.
function Get-TermsrvCredentialTarget {
    $found = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($line in @(Invoke-SystemTool -Name 'cmdkey.exe' -ArgumentList @('/list'))) {
        $match = [regex]::Match($line, '(?:[A-Za-z]+:target=)?TERMSRV/[A-Za-z0-9._:\[\]%-]+', [System.Text.RegularExpressions.RegexOptions]::IgnoreCase)
        if ($match.Success -and -not $found.Contains($match.Value)) { $found.Add($match.Value) }
    }
    return @($found)
}

# Whether a TERMSRV target is for this host: TERMSRV/<host> or TERMSRV/<host>:<port>, any case.
function Test-TermsrvTargetForHost {
    param(
        [Parameter(Mandatory = $true)][string]$Target,
        [Parameter(Mandatory = $true)][string]$TargetHost,
        [Parameter(Mandatory = $true)][int]$Port
    )
    $index = $Target.ToUpperInvariant().IndexOf('TERMSRV/')
    if ($index -lt 0) { return $false }
    $name = $Target.Substring($index + 'TERMSRV/'.Length)
    return ($name -eq $TargetHost -or $name -eq ('{0}:{1}' -f $TargetHost, $Port))
}

# Files in the user's profile are locked while Remote Desktop Connection runs.
function Assert-RemoteDesktopClosed {
    if (Get-Process -Name 'mstsc' -ErrorAction SilentlyContinue) {
        throw 'Close every Remote Desktop Connection window first: it keeps these files open. Nothing was changed.'
    }
}

# Default.rdp (a hidden file in Documents) and the bitmap cache of the user running the script.
function Get-DefaultRdpPath {
    return Join-Path -Path ([System.Environment]::GetFolderPath('MyDocuments')) -ChildPath 'Default.rdp'
}
function Get-BitmapCachePath {
    return Join-Path -Path ([System.Environment]::GetFolderPath('LocalApplicationData')) -ChildPath 'Microsoft\Terminal Server Client\Cache'
}
