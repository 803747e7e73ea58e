<#
.SYNOPSIS
    Makes Windows create a new Remote Desktop self-signed certificate: removes the backed-up
    certificate together with its private key (Remove-Item -DeleteKey, about_Certificate_Provider),
    or a key file left without a certificate, so that Windows can make a new key in container
    TSSecKeySet1; restarts the Remote Desktop services; waits up to 30 seconds for the new
    certificate; and when none comes, reads why from events 1057 / 1058 and fails saying so.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

# Why Windows made no certificate: Remote Desktop Services' events 1057 / 1058 in the System log
# since $Since (learn.microsoft.com, "Troubleshoot Azure VM RDP connection issues by Event ID",
# scenario 1), as "event <id>: <message>" lines.
function Get-CertificateCreationFailure {
    param([Parameter(Mandatory = $true)][datetime]$Since)
    $filter = @{ LogName = 'System'; ProviderName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager'; Id = 1057, 1058; StartTime = $Since }
    $found = @()
    try { $found = @(Get-WinEvent -FilterHashtable $filter -MaxEvents 5 -ErrorAction SilentlyContinue) } catch { $found = @() }
    return @($found | Where-Object -FilterScript { $null -ne $_ } | ForEach-Object -Process { 'event {0}: {1}' -f $_.Id, ([string]$_.Message).Trim() })
}

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    $started = Get-Date
    $setting = Get-RdpListenerSetting
    if ($null -ne $setting -and $null -ne $setting.SSLCertificateSHA1HashType -and [int]$setting.SSLCertificateSHA1HashType -ge 2) {
        throw 'Remote Desktop uses a certificate chosen by a group policy or installed by an administrator. Windows does not make a new one when it is removed, so RDP Doctor does not remove it: renew it where it came from. Nothing was changed.'
    }
    $old = [string]$arguments.backup.thumbprint
    $keyFile = $null
    if ($arguments.backup.PSObject.Properties['keyFile']) { $keyFile = $arguments.backup.keyFile }
    $keyThere = $false
    if ($null -ne $keyFile -and $keyFile.path) {
        # Only the file the backup saw is removed: one that appeared since is left alone.
        $keyThere = [bool]$keyFile.exists -and $null -ne (Get-Item -LiteralPath ([string]$keyFile.path) -Force -ErrorAction SilentlyContinue)
        # The key file must still be the one Windows made and the backup recorded.
        if ($keyThere) { $null = Assert-TrustedKeyFile -Path ([string]$keyFile.path) -FileId ([string]$keyFile.fileId) }
    }
    $certPath = $null
    if ($old) { $certPath = Join-Path -Path $RdpCertStore -ChildPath $old }
    # The key first: a key file Windows cannot use (the reason a new certificate is wanted) also
    # stops it from making the new one (event 1057 / 1058), so it goes with the certificate.
    if ($certPath -and (Test-Path -LiteralPath $certPath)) {
        if ($keyThere) {
            Remove-Item -LiteralPath $certPath -DeleteKey
            $changed.Add(('Removed certificate {0} and its private key ({1}) from the Remote Desktop store' -f $old, (Split-Path -Path ([string]$keyFile.path) -Leaf)))
        } else {
            Remove-Item -LiteralPath $certPath
            $changed.Add("Removed certificate $old from the Remote Desktop store")
        }
    } elseif ($keyThere -and @(Get-ChildItem -LiteralPath $RdpCertStore).Count -eq 0) {
        # No certificate is left that this key could belong to.
        Remove-Item -LiteralPath ([string]$keyFile.path) -Force
        $changed.Add(('Removed the key file {0}, which no certificate used' -f (Split-Path -Path ([string]$keyFile.path) -Leaf)))
    }
    Restart-Service -Name 'SessionEnv' -Force
    Restart-Service -Name 'TermService' -Force
    $changed.Add('Restarted SessionEnv and TermService')
    $new = $null
    $deadline = (Get-Date).AddSeconds(30)
    while (-not $new -and (Get-Date) -lt $deadline) {
        # The listener's setting can be briefly absent while the services restart.
        $setting = Get-RdpListenerSetting
        $hash = $null
        if ($null -ne $setting -and $setting.SSLCertificateSHA1Hash) { $hash = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant() }
        if ($hash -and $hash -ne $old -and (Test-Path -LiteralPath (Join-Path -Path $RdpCertStore -ChildPath $hash))) {
            $new = $hash
        } else {
            $reasons = @(Get-CertificateCreationFailure -Since $started)
            if ($reasons.Count -gt 0) { break }
            Start-Sleep -Milliseconds 500
        }
    }
    if (-not $new) {
        $reasons = @(Get-CertificateCreationFailure -Since $started)
        $why = 'Windows logged no reason.'
        if ($reasons.Count -gt 0) { $why = 'Windows logged: ' + ($reasons -join ' / ') }
        throw ('Windows did not create a new Remote Desktop certificate. {0} What was done: {1}. Remote Desktop has no usable certificate now, so connections fail until it has one; the removed certificate cannot be put back (its private key was never exportable). On the server, repair the MachineKeys folder''s permissions (learn.microsoft.com, "Troubleshoot Azure VM RDP connection issues by Event ID") and restart the Remote Desktop Services service.' -f $why, ($changed.ToArray() -join '; '))
    }
    $changed.Add("Windows created certificate $new")
    @{ changed = @($changed); newThumbprint = $new }
}
