# A Windows machine at the command level, for tests and --simulate only (never shipped).
#
# Importing this module shadows the Windows-only cmdlets and tools that RDP Doctor's scripts use
# with functions that answer from one machine's state (a JSON file) and write every change back
# to it, so a backup -> apply -> undo can be compared whole. The product's scripts and
# lib\common.ps1 run unchanged on top of it: none of their functions is shadowed.
#
# Each modelled behaviour names its source: Microsoft's documentation, or PowerShell's own
# source where that is what decides the behaviour. What is not modelled fails loudly ("not
# modelled") rather than answering the way a script happens to expect.
Set-StrictMode -Version Latest

$script:Machine = $null
$script:MachinePath = $null
$script:Root = $null

foreach ($part in @('State', 'Registry', 'Items', 'System', 'Network', 'Certificates', 'Acl', 'Tools', 'Tasks', 'WindowsPowerShell51')) {
    . (Join-Path -Path $PSScriptRoot -ChildPath "$part.ps1")
}

Export-ModuleMember -Function @(
    # the harness
    'Use-FakeMachine', 'Get-FakeMachineSnapshot', 'Save-FakeMachine', 'Add-FakeFault', 'Set-FakeElevation'
    # providers: Registry::, HKLM:, HKCU:, Cert: (file system paths go to the real cmdlets)
    'Test-Path', 'Get-Item', 'Get-ChildItem', 'New-Item', 'Remove-Item', 'Get-ItemProperty',
    'New-ItemProperty', 'Remove-ItemProperty', 'Get-Acl'
    # services, processes, CIM, events, updates
    'Get-Date', 'Get-TimeZone', 'Get-Service', 'Set-Service', 'Start-Service', 'Stop-Service', 'Restart-Service', 'Get-Process',
    'Get-CimInstance', 'Set-CimInstance', 'Get-WinEvent', 'Get-HotFix'
    # (Get-AppxPackage is defined by Use-FakeMachine on a machine that has the Appx module)
    # NetSecurity / NetTCPIP / NetAdapter / NetConnection
    'Get-NetFirewallRule', 'Enable-NetFirewallRule', 'Disable-NetFirewallRule', 'Get-NetFirewallPortFilter',
    'Get-NetFirewallApplicationFilter', 'Get-NetFirewallProfile', 'Get-NetConnectionProfile',
    'Get-NetAdapter', 'Get-NetIPConfiguration', 'Get-NetTCPConnection'
    # ScheduledTasks (Tasks.ps1; Invoke-FakeTaskScheduler is the tests' clock and trigger)
    'New-ScheduledTaskAction', 'New-ScheduledTaskTrigger', 'New-ScheduledTaskPrincipal', 'New-ScheduledTaskSettingsSet',
    'Register-ScheduledTask', 'Get-ScheduledTask', 'Unregister-ScheduledTask', 'Invoke-FakeTaskScheduler'
    # PKI
    'Export-Certificate'
    # Windows PowerShell 5.1's own behaviour where pwsh 7 differs (WindowsPowerShell51.ps1)
    'Sort-Object'
    # System32 tools, found by name where [Environment]::SystemDirectory is empty (not Windows)
    'reg.exe', 'icacls.exe', 'cmdkey.exe', 'shutdown.exe', 'fsutil.exe', 'whoami.exe', 'certutil.exe'
)
