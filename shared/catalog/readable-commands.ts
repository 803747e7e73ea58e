import type { ScriptId } from './scripts';
import { checkCatalogs } from '../checks/catalogs';
import { readableOf } from '../checks/define';

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
  ...readableOf(checkCatalogs),
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
  // WMI's own InstalledOn text: Windows PowerShell 5.1's InstalledOn property parses it with the
  // culture, and sorting on it fails for a blank one (check-client-updates.ps1 says why).
  'check-client-updates': ["Get-HotFix | ForEach-Object -Process { $_.HotFixID + ' ' + $_.psBase.Properties['InstalledOn'].Value }"],
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
  'read-client-last-disconnect': [
    "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1024, 1026 } -MaxEvents 100",
  ],

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
  'restart-computer': ["shutdown.exe /r /t 60 /d p:2:4 /c 'RDP Doctor: restarting so that a Remote Desktop setting (TLS) takes effect.'"],

  // ------------------------------------------------------------------ the server: fixes
};
