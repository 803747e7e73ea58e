# ScheduledTasks: the Task Scheduler as PowerShell reaches it, and a test hook that moves the
# machine's clock on and fires the tasks that are due.
#
# Sources: learn.microsoft.com, "ScheduledTasks" module reference (New-ScheduledTaskAction,
# New-ScheduledTaskTrigger, New-ScheduledTaskPrincipal, New-ScheduledTaskSettingsSet,
# Register-ScheduledTask, Get-ScheduledTask, Unregister-ScheduledTask). Their help file is
# PS_ScheduledTask_v1.0.cdxml-help.xml: like NetSecurity (Network.ps1) they are CDXML functions
# of a script module, so a script's $ErrorActionPreference = 'Stop' does not reach them; their
# errors stay non-terminating unless the call itself says -ErrorAction Stop (PowerShell/
# PowerShell#4568). The functions here are module functions and keep that scoping.
#
# A task in the state ("scheduledTasks" list): taskPath, taskName, execute, arguments,
# startBoundary (ISO 8601, UTC), userId, logonType, runLevel, startWhenAvailable, state
# ('Ready', or 'Ran' once its one-time trigger fired), lastTaskResult.
# Only what RDP Doctor uses is modelled; anything else fails loudly ("not modelled").

function New-FakeCimObject {
    param([Parameter(Mandatory = $true)][string]$ClassName, [Parameter(Mandatory = $true)][hashtable]$Properties)
    $object = [pscustomobject]$Properties
    $object.PSObject.TypeNames.Insert(0, "Microsoft.Management.Infrastructure.CimInstance#Root/Microsoft/Windows/TaskScheduler/$ClassName")
    return $object
}

function New-ScheduledTaskAction {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string]$Execute, [Parameter(Position = 1)][string]$Argument, [string]$WorkingDirectory)
    # The object's property is Arguments (MSFT_TaskExecAction), the parameter -Argument.
    return New-FakeCimObject -ClassName 'MSFT_TaskExecAction' -Properties @{ Execute = $Execute; Arguments = $Argument; WorkingDirectory = $WorkingDirectory }
}

# -Once -At <DateTime>: "starts the task once at the time given" (StartBoundary, local time with
# its offset in the task's XML). Other trigger kinds are not modelled.
function New-ScheduledTaskTrigger {
    [CmdletBinding()]
    param([switch]$Once, [Parameter(Mandatory = $true)][datetime]$At, [switch]$Daily, [switch]$Weekly, [switch]$AtLogOn, [switch]$AtStartup)
    if (-not $Once -or $Daily -or $Weekly -or $AtLogOn -or $AtStartup) { throw 'FakeWindows: only New-ScheduledTaskTrigger -Once -At is modelled.' }
    return New-FakeCimObject -ClassName 'MSFT_TaskTimeTrigger' -Properties @{ StartBoundary = $At.ToUniversalTime().ToString('o'); Enabled = $true }
}

# -UserId accepts an account name; Windows resolves "SYSTEM", "NT AUTHORITY\SYSTEM" and S-1-5-18
# to LocalSystem. LogonType ServiceAccount is the one Microsoft's examples pair with SYSTEM.
function New-ScheduledTaskPrincipal {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string]$UserId, [string]$LogonType = 'Interactive', [string]$RunLevel = 'Limited')
    return New-FakeCimObject -ClassName 'MSFT_TaskPrincipal2' -Properties @{ UserId = $UserId; LogonType = $LogonType; RunLevel = $RunLevel }
}

# -StartWhenAvailable: "Task Scheduler can start the task at any time after its scheduled time
# has passed" (a computer that was off or asleep then runs it once it is back).
function New-ScheduledTaskSettingsSet {
    [CmdletBinding()]
    param([switch]$StartWhenAvailable)
    return New-FakeCimObject -ClassName 'MSFT_TaskSettings3' -Properties @{ StartWhenAvailable = [bool]$StartWhenAvailable }
}

function Test-FakeSystemAccount {
    param([string]$UserId)
    return @('SYSTEM', 'NT AUTHORITY\SYSTEM', 'S-1-5-18', 'LocalSystem') -contains $UserId
}

function Get-FakeTaskList { return @(Get-FakeList -Name 'scheduledTasks') }

function ConvertTo-FakeTaskObject {
    param([Parameter(Mandatory = $true)]$Task)
    $action = New-FakeCimObject -ClassName 'MSFT_TaskExecAction' -Properties @{ Execute = [string]$Task.execute; Arguments = [string]$Task.arguments; WorkingDirectory = $null }
    $trigger = New-FakeCimObject -ClassName 'MSFT_TaskTimeTrigger' -Properties @{ StartBoundary = [string]$Task.startBoundary; Enabled = $true }
    $principal = New-FakeCimObject -ClassName 'MSFT_TaskPrincipal2' -Properties @{ UserId = [string]$Task.userId; LogonType = [string]$Task.logonType; RunLevel = [string]$Task.runLevel }
    $state = 'Ready'
    return New-FakeCimObject -ClassName 'MSFT_ScheduledTask' -Properties @{ TaskName = [string]$Task.taskName; TaskPath = [string]$Task.taskPath; State = $state; Actions = @($action); Triggers = @($trigger); Principal = $principal }
}

# "Access is denied." as the ScheduledTasks cmdlets write it: a CimException, PermissionDenied,
# FullyQualifiedErrorId "HRESULT 0x80070005,<cmdlet>" (marcosbozzani/Win10ActiveHours#3 shows
# the record from Register-ScheduledTask; MicrosoftDocs/windows-powershell-docs#3676 the same
# from a non-administrator registering a task). Registering a task that runs as another account
# (SYSTEM) needs an administrator, and so does deleting one an administrator registered.
function Write-FakeTaskDenied {
    param($Cmdlet, [string]$Name)
    $exception = New-Object -TypeName Microsoft.Management.Infrastructure.CimException -ArgumentList 'Access is denied.'
    Write-FakeError -Cmdlet $Cmdlet -Exception $exception -ErrorId 'HRESULT 0x80070005' -Category PermissionDenied -Target $Name
}

# The cmdletization's answer for a query that matches nothing (as NetSecurity's, Network.ps1).
function Write-FakeTaskNotFound {
    param($Cmdlet, [string]$TaskName)
    $exception = New-Object -TypeName Microsoft.Management.Infrastructure.CimException -ArgumentList ("No MSFT_ScheduledTask objects found with property 'TaskName' equal to '{0}'.  Verify the value of the property and retry." -f $TaskName)
    Write-FakeError -Cmdlet $Cmdlet -Exception $exception -ErrorId 'CmdletizationQuery_NotFound_TaskName' -Category ObjectNotFound -Target $TaskName
}

function Get-FakeTaskPath {
    param([string]$TaskPath)
    if ([string]::IsNullOrEmpty($TaskPath)) { return '\' }
    return $TaskPath
}

function Register-ScheduledTask {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, Position = 0)][string]$TaskName,
        [Parameter(Position = 1)][string]$TaskPath,
        [Parameter(Mandatory = $true)]$Action,
        $Trigger,
        $Principal,
        $Settings,
        [string]$Description,
        [switch]$Force
    )
    Invoke-FakeFault -Command 'Register-ScheduledTask'
    $path = Get-FakeTaskPath -TaskPath $TaskPath
    $userId = [string](Get-FakeUser).name
    if ($null -ne $Principal) { $userId = [string]$Principal.UserId }
    if (-not (Test-FakeAdmin)) { Write-FakeTaskDenied -Cmdlet $PSCmdlet -Name $TaskName; return }
    $existing = @(Get-FakeTaskList | Where-Object -FilterScript { [string]$_.taskPath -eq $path -and [string]$_.taskName -eq $TaskName })
    # Without -Force an existing task is not replaced: "Cannot create a file when that file
    # already exists." (ERROR_ALREADY_EXISTS, HRESULT 0x800700b7).
    if ($existing.Count -gt 0 -and -not $Force) {
        $exception = New-Object -TypeName Microsoft.Management.Infrastructure.CimException -ArgumentList 'Cannot create a file when that file already exists.'
        Write-FakeError -Cmdlet $PSCmdlet -Exception $exception -ErrorId 'HRESULT 0x800700b7' -Category ResourceExists -Target $TaskName
        return
    }
    $actions = @($Action)
    $triggers = @($Trigger | Where-Object -FilterScript { $null -ne $_ })
    if ($actions.Count -ne 1 -or $triggers.Count -ne 1) { throw 'FakeWindows: only one action and one trigger per task are modelled.' }
    $task = [ordered]@{
        taskPath           = $path
        taskName           = $TaskName
        execute            = [string]$actions[0].Execute
        arguments          = [string]$actions[0].Arguments
        startBoundary      = [string]$triggers[0].StartBoundary
        userId             = $userId
        logonType          = $(if ($null -ne $Principal) { [string]$Principal.LogonType } else { 'Interactive' })
        runLevel           = $(if ($null -ne $Principal) { [string]$Principal.RunLevel } else { 'Limited' })
        startWhenAvailable = ($null -ne $Settings -and [bool]$Settings.StartWhenAvailable)
        description        = $Description
        state              = 'Ready'
        lastTaskResult     = $null
    }
    $others = @(Get-FakeTaskList | Where-Object -FilterScript { -not ([string]$_.taskPath -eq $path -and [string]$_.taskName -eq $TaskName) })
    $script:Machine['scheduledTasks'] = @($others + @($task))
    Save-FakeMachine
    return ConvertTo-FakeTaskObject -Task $task
}

function Get-ScheduledTask {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$TaskName, [string]$TaskPath)
    # Which tasks a standard user may read depends on each task's security descriptor, which the
    # fake does not model: RDP Doctor reads its timers' outcome elsewhere (lib\revert-timer.ps1).
    if (-not (Test-FakeAdmin)) { throw 'FakeWindows: Get-ScheduledTask by a standard user is not modelled.' }
    $tasks = @(Get-FakeTaskList)
    if ($PSBoundParameters.ContainsKey('TaskPath')) { $tasks = @($tasks | Where-Object -FilterScript { [string]$_.taskPath -eq $TaskPath }) }
    if ($PSBoundParameters.ContainsKey('TaskName')) { $tasks = @($tasks | Where-Object -FilterScript { [string]$_.taskName -eq $TaskName }) }
    if ($tasks.Count -eq 0 -and $PSBoundParameters.ContainsKey('TaskName')) { Write-FakeTaskNotFound -Cmdlet $PSCmdlet -TaskName $TaskName; return }
    foreach ($task in $tasks) { ConvertTo-FakeTaskObject -Task $task }
}

# ConfirmImpact High: without -Confirm:$false it asks, and a non-interactive session (the app's,
# the helper's, Task Scheduler's) cannot answer, so only the confirmed call is modelled.
function Unregister-ScheduledTask {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)][string]$TaskName, [string]$TaskPath, [switch]$Confirm)
    if (-not $PSBoundParameters.ContainsKey('Confirm') -or $Confirm) { throw 'FakeWindows: Unregister-ScheduledTask without -Confirm:$false asks for confirmation; not modelled.' }
    $path = Get-FakeTaskPath -TaskPath $TaskPath
    $match = @(Get-FakeTaskList | Where-Object -FilterScript { [string]$_.taskPath -eq $path -and [string]$_.taskName -eq $TaskName })
    if ($match.Count -eq 0) { Write-FakeTaskNotFound -Cmdlet $PSCmdlet -TaskName $TaskName; return }
    if (-not (Test-FakeAdmin)) { Write-FakeTaskDenied -Cmdlet $PSCmdlet -Name $TaskName; return }
    $script:Machine['scheduledTasks'] = @(Get-FakeTaskList | Where-Object -FilterScript { -not ([string]$_.taskPath -eq $path -and [string]$_.taskName -eq $TaskName) })
    Save-FakeMachine
}

<#
.SYNOPSIS
    Test hook: moves this machine's clock on by -Advance and fires every task whose one-time
    trigger is due, as Task Scheduler would: the action's program with its arguments, as the
    task's account (SYSTEM: an administrator's token here). Only Windows PowerShell running one
    script file (-File "<path>") is modelled as a program. Returns what ran.
#>
function Invoke-FakeTaskScheduler {
    param([Parameter(Mandatory = $true)][timespan]$Advance)
    $now = (Get-Date).ToUniversalTime().Add($Advance)
    $script:Machine['now'] = $now.ToString('o')
    $script:LoadedAt = [datetime]::UtcNow
    Save-FakeMachine
    $ran = @()
    foreach ($task in @(Get-FakeTaskList)) {
        if ([string]$task.state -ne 'Ready') { continue }
        $due = [datetime]::Parse([string]$task.startBoundary, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::AdjustToUniversal)
        if ($due -gt $now) { continue }
        if ((Split-Path -Path ([string]$task.execute -replace '\\', '/') -Leaf) -ne 'powershell.exe') { throw "FakeWindows: the task runs $($task.execute), which is not modelled." }
        $file = [regex]::Match([string]$task.arguments, '-File "([^"]+)"')
        if (-not $file.Success) { throw "FakeWindows: the task's arguments name no script file (-File `"...`"): $($task.arguments)" }
        $wasElevated = $script:Elevated
        # LocalSystem holds every privilege; any other account is not modelled as elevated.
        $script:Elevated = Test-FakeSystemAccount -UserId ([string]$task.userId)
        $result = 0
        try {
            # In a session state of its own, as a program started by Task Scheduler is: run from
            # this module's, the script's own scope would stand in for the fake's $script: scope.
            $program = New-Module -Name 'FakeTaskProgram' -ScriptBlock {}
            $null = & $program { param($Path) & $Path *>&1 } (Resolve-FakeFilePath -Path $file.Groups[1].Value)
        } catch {
            $result = 1
        } finally {
            $script:Elevated = $wasElevated
        }
        # The action may have unregistered its own task (and saved the machine): find it again.
        $still = @(Get-FakeTaskList | Where-Object -FilterScript { [string]$_.taskPath -eq [string]$task.taskPath -and [string]$_.taskName -eq [string]$task.taskName })
        foreach ($left in $still) { $left.state = 'Ran'; $left.lastTaskResult = $result }
        Save-FakeMachine
        $ran += [pscustomobject]@{ TaskName = [string]$task.taskName; TaskPath = [string]$task.taskPath; Result = $result }
    }
    return $ran
}
