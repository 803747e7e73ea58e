import type { ScriptId } from './scripts';
import { serverSecuritySettings } from '../checks/server-security-settings/catalog';
import { serverListener } from '../checks/server-listener/catalog';
import { serverServices } from '../checks/server-services/catalog';
import { serverServiceDll } from '../checks/server-service-dll/catalog';
import { serverFirewall } from '../checks/server-firewall/catalog';
import { serverUpdates } from '../checks/server-updates/catalog';
import { serverCredSsp } from '../checks/server-credssp/catalog';
import { serverConnectionPressure } from '../checks/server-connection-pressure/catalog';
import { serverRdpEnabled } from '../checks/server-rdp-enabled/catalog';
import { serverTlsVersions } from '../checks/server-tls-versions/catalog';

/**
 * What each catalog script does, as PowerShell a person can read aloud and type: the cmdlets and
 * tools the script itself calls, with the registry paths, rule groups and SIDs spelled out.
 * The script is the truth: test/catalog/readable-commands.test.ts checks that every cmdlet and
 * tool named here is one the script (or the library it loads) really calls. Values only the run
 * knows (the target, the backup) appear as {host} and {port}, filled in quoted by
 * electron/main/commands/describe.ts, or as <placeholders> in angle brackets.
 * Lines starting with # are comments: what the script decides that one line cannot show.
 */
export const readableScripts: Record<ScriptId, readonly string[]> = {
  ...serverSecuritySettings.readable,
  ...serverListener.readable,
  ...serverServices.readable,
  ...serverServiceDll.readable,
  ...serverFirewall.readable,
  ...serverUpdates.readable,
  ...serverCredSsp.readable,
  ...serverConnectionPressure.readable,
  ...serverRdpEnabled.readable,
  ...serverTlsVersions.readable,
  // ------------------------------------------------------------------ this computer: checks
  'check-client-credentials': ['cmdkey.exe /list:TERMSRV/{host}'],
  'check-client-connection-data': [
    'Get-Item -LiteralPath "$env:USERPROFILE\\Documents\\Default.rdp" -Force',
    'Get-ChildItem -LiteralPath "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client\\Cache"',
  ],
  'check-client-license-cache': ["Get-ChildItem -LiteralPath 'Registry::HKLM\\SOFTWARE\\Microsoft\\MSLicensing'"],
  'check-client-credssp': [
    "Get-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle",
  ],
  'check-client-udp': [
    "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP",
    "Get-NetAdapter | Where-Object -FilterScript { $_.Status -eq 'Up' }",
  ],
  'check-client-network': ['Get-NetAdapter', 'Get-NetIPConfiguration -All', 'Get-CimInstance -ClassName Win32_ComputerSystem'],
  'check-client-updates': ['Get-HotFix | Sort-Object -Property InstalledOn -Descending | Select-Object -First 30'],
  'check-client-rdp-log': [
    "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1024, 1025, 1026, 1027; StartTime = (Get-Date).AddDays(-30) }",
  ],
  'check-client-tls': [
    "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client' -Name 'Enabled', 'DisabledByDefault'",
  ],
  'check-client-outbound': [
    'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Get-NetFirewallApplicationFilter',
    'Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Get-NetFirewallPortFilter',
    'Get-NetFirewallProfile',
    "Get-CimInstance -Namespace 'root/SecurityCenter2' -ClassName AntiVirusProduct",
  ],
  'check-client-rdp-app': [
    "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion' -Name 'CurrentBuildNumber', 'UBR', 'ProductName', 'DisplayVersion'",
    "Test-Path -LiteralPath (Join-Path -Path $env:SystemRoot -ChildPath 'System32\\mstsc.exe')",
    'Get-AppxPackage -Name MicrosoftCorporationII.Windows365',
  ],
  'check-client-pinned-cert': [
    "(Get-Item -LiteralPath (Join-Path -Path 'Registry::HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers' -ChildPath {host})).GetValue('CertHash')",
    '# Also UsernameHint, and the key "{host}:{port}" when the port is not 3389.',
  ],
  'read-client-mru': ["Get-ItemProperty -LiteralPath 'Registry::HKCU\\Software\\Microsoft\\Terminal Server Client\\Default'"],

  // ------------------------------------------------------------------ this computer: fixes
  'backup-client-credentials': ['# Windows never reveals a saved password: only the names are noted.', 'cmdkey.exe /list:TERMSRV/{host}'],
  'fix-client-credentials': ['cmdkey.exe /delete:TERMSRV/{host}'],
  'undo-client-credentials': ['# A removed password cannot be put back: type it at the next connection and tick "Remember me".'],
  'backup-client-connection-data': [
    'Copy-Item -LiteralPath "$env:USERPROFILE\\Documents\\Default.rdp" -Destination \'<backup folder>\'',
    'Copy-Item -LiteralPath "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client\\Cache" -Destination \'<backup folder>\' -Recurse',
  ],
  'fix-client-connection-data': [
    'Remove-Item -LiteralPath "$env:USERPROFILE\\Documents\\Default.rdp" -Force',
    'Remove-Item -LiteralPath "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client\\Cache" -Recurse -Force',
  ],
  'undo-client-connection-data': [
    'Copy-Item -LiteralPath \'<backup folder>\\Default.rdp\' -Destination "$env:USERPROFILE\\Documents\\Default.rdp" -Force',
    'Copy-Item -LiteralPath \'<backup folder>\\Cache\' -Destination "$env:LOCALAPPDATA\\Microsoft\\Terminal Server Client" -Recurse -Force',
  ],
  'backup-client-license-cache': ["reg.exe export 'HKLM\\SOFTWARE\\Microsoft\\MSLicensing' '<backup folder>\\MSLicensing.reg' /y /reg:64"],
  'fix-client-license-cache': ["Remove-Item -LiteralPath 'Registry::HKLM\\SOFTWARE\\Microsoft\\MSLicensing' -Recurse -Force"],
  'undo-client-license-cache': ["reg.exe import '<backup folder>\\MSLicensing.reg' /reg:64"],
  'backup-client-credssp': [
    "reg.exe export 'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' '<backup folder>\\credssp.reg' /y /reg:64",
  ],
  'fix-client-credssp': [
    "New-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle -PropertyType DWord -Value 2 -Force",
  ],
  'undo-client-credssp': [
    '# Back to the value it had, or removed when it was not set:',
    "Remove-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle",
  ],
  'backup-client-udp': [
    "reg.exe export 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' '<backup folder>\\client-udp.reg' /y /reg:64",
  ],
  'fix-client-udp': [
    "New-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP -PropertyType DWord -Value 1 -Force",
  ],
  'undo-client-udp': [
    '# Back to the value it had, or removed when it was not set:',
    "Remove-ItemProperty -LiteralPath 'Registry::HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client' -Name fClientDisableUDP",
  ],

  // ------------------------------------------------------------------ the server: checks
  'check-rdp-certificate': [
    "Get-CimInstance -Namespace 'root\\cimv2\\TerminalServices' -ClassName Win32_TSGeneralSetting -Filter \"TerminalName='RDP-tcp'\"",
    "Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop'",
  ],
  'check-rdp-key-permissions': [
    'Get-ChildItem -LiteralPath "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys" -Force -Filter \'f686aace6942fb7f7ceb231212eef4a4_*\' | Get-Acl',
  ],
  'check-server-rdp-events': [
    "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin'; Id = 1057, 1058, 1006; StartTime = (Get-Date).AddDays(-7) } -MaxEvents 100",
    "Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Schannel'; Id = 36870, 36871, 36874, 36888; StartTime = (Get-Date).AddDays(-7) } -MaxEvents 100",
  ],
  'restart-computer': ["shutdown.exe /r /t 60 /d p:2:4 /c 'RDP Doctor: restarting so that a Remote Desktop setting (TLS) takes effect.'"],

  // ------------------------------------------------------------------ the server: fixes
  'backup-rdp-certificate': [
    '# The public part only, for the record: Windows never lets this private key be exported.',
    "$cert = Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop' | Where-Object -FilterScript { $_.Thumbprint -eq '<thumbprint>' }",
    "Export-Certificate -Cert $cert -FilePath '<backup folder>\\rdp-certificate-<thumbprint>.cer'",
  ],
  'fix-regenerate-rdp-certificate': [
    "Remove-Item -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop\\<thumbprint>'",
    '# People connected to the server are disconnected:',
    'Restart-Service -Name SessionEnv -Force',
    'Restart-Service -Name TermService -Force',
  ],
  'undo-regenerate-rdp-certificate': [
    '# Nothing runs: the old certificate cannot be put back (its private key was never exportable); the new one stays.',
  ],
  'backup-rdp-key-permissions': [
    'icacls.exe "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<key file>" /save \'<backup folder>\\machinekeys.acl\'',
  ],
  'fix-repair-rdp-key-permissions': [
    '# NETWORK SERVICE (S-1-5-20) read; SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544) full control; on that one file only:',
    'icacls.exe "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<key file>" /remove:d \'*S-1-5-20\'',
    "icacls.exe \"$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\<key file>\" /grant '*S-1-5-20:(R)' '*S-1-5-18:(F)' '*S-1-5-32-544:(F)'",
  ],
  'undo-repair-rdp-key-permissions': [
    'icacls.exe "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys" /restore \'<backup folder>\\machinekeys.acl\'',
  ],
};
