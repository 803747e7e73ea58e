<#
.SYNOPSIS
    Removes the backed-up RDP certificate and restarts the Remote Desktop services so Windows
    issues a new self-signed one; waits up to 30 seconds for it to appear.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    $old = $arguments.backup.thumbprint
    if ($old) {
        $path = Join-Path -Path $RdpCertStore -ChildPath $old
        if (Test-Path -LiteralPath $path) {
            Remove-Item -LiteralPath $path
            $changed.Add("Removed certificate $old from the Remote Desktop store")
        }
    }
    Restart-Service -Name 'SessionEnv' -Force
    Restart-Service -Name 'TermService' -Force
    $changed.Add('Restarted SessionEnv and TermService')
    $new = $null
    $deadline = (Get-Date).AddSeconds(30)
    while (-not $new -and (Get-Date) -lt $deadline) {
        $setting = Get-RdpListenerSetting
        if ($setting.SSLCertificateSHA1Hash -and ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant() -ne $old) {
            $new = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant()
        } else {
            Start-Sleep -Milliseconds 500
        }
    }
    if ($new) { $changed.Add("Windows created certificate $new") }
    @{ changed = @($changed); newThumbprint = $new }
}
