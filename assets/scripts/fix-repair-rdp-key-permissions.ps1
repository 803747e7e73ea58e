<#
.SYNOPSIS
    Gives NETWORK SERVICE read access and SYSTEM and Administrators full control on the key file of
    the Remote Desktop certificate (by SID, so localized Windows works), and removes a deny entry
    for NETWORK SERVICE: only the entries that are missing, on that one file (checked again to be
    the very regular file, owned by SYSTEM or Administrators, that was backed up), with icacls /L
    so that no link is followed. Never the folder, never its owner.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $changed = New-Object -TypeName System.Collections.Generic.List[string]
    $current = Get-RdpListenerKeyFacts -Listener (Get-RdpListenerCertificate -Setting (Get-RdpListenerSetting))
    foreach ($entry in @($arguments.backup.files)) {
        $path = [string]$entry.path
        $leaf = Split-Path -Path $path -Leaf
        if ($null -eq $current -or [string]$current.path -ne $path) {
            throw ('Refusing to touch {0}: only the Remote Desktop key file in MachineKeys (the one its certificate names) may be changed. Nothing was changed.' -f $path)
        }
        $null = Assert-TrustedKeyFile -Path $path -FileId ([string]$entry.fileId)
        $aces = @(Get-FileAceFacts -Path $path)
        $explicit = @($aces | Where-Object -FilterScript { -not $_.inherited })
        if (@($explicit | Where-Object -FilterScript { $_.sid -eq 'S-1-5-20' -and $_.type -eq 'Deny' }).Count -gt 0) {
            $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList @($path, '/L', '/remove:d', '*S-1-5-20')
            $changed.Add(('Removed the deny entry for NETWORK SERVICE on {0}' -f $leaf))
        }
        $grants = New-Object -TypeName System.Collections.Generic.List[string]
        foreach ($wanted in @(@{ sid = 'S-1-5-20'; letters = 'R'; rights = 0x120089 }, @{ sid = $SystemSid; letters = 'F'; rights = 0x1F01FF }, @{ sid = $AdministratorsSid; letters = 'F'; rights = 0x1F01FF })) {
            $has = @($explicit | Where-Object -FilterScript { $_.sid -eq $wanted.sid -and $_.type -eq 'Allow' -and (($_.rights -band $wanted.rights) -eq $wanted.rights) }).Count -gt 0
            if (-not $has) { $grants.Add(('*{0}:({1})' -f $wanted.sid, $wanted.letters)) }
        }
        if ($grants.Count -gt 0) {
            $null = Invoke-SystemTool -Name 'icacls.exe' -ArgumentList (@($path, '/L', '/grant') + $grants.ToArray())
            $changed.Add(('Granted {0} on {1}' -f ($grants.ToArray() -join ' '), $leaf))
        }
    }
    @{ changed = @($changed) }
}
