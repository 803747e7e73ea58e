<#
.SYNOPSIS
    Runs RDP Doctor's scripts under real PowerShell against FakeWindows machines, many in one
    process (a process start costs more than most scripts). Reads a plan of steps (JSON) and
    writes one result per step (JSON):
      { op: 'load', machine: <state.json>, root: <C: folder> }  -> loads that machine
      { op: 'run', script: <path>, args: {...}, elevated? }      -> { stdout, output }
      { op: 'snapshot' }                                         -> { snapshot } (the whole machine)
      { op: 'timezone', id: 'Asia/Tokyo' }                       -> the local time zone from now on
      { op: 'fault', command: 'New-ItemProperty' }               -> the next call of it fails
    A run may take its `backup` argument from an earlier step's facts: backupFrom: <step index>.
#>
param(
    [Parameter(Mandatory = $true)][string]$Plan,
    [Parameter(Mandatory = $true)][string]$Out
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../fake-windows/FakeWindows.psm1') -Force

$steps = @(ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($Plan)))
$results = New-Object -TypeName System.Collections.Generic.List[object]
foreach ($step in $steps) {
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    switch ($step.op) {
        'load' {
            Use-FakeMachine -Path $step.machine -Root $step.root
            $results.Add(@{ ok = $true })
        }
        'timezone' {
            $env:TZ = $step.id
            [System.TimeZoneInfo]::ClearCachedData()
            $results.Add(@{ ok = $true })
        }
        'fault' {
            Add-FakeFault -Command $step.command
            $results.Add(@{ ok = $true })
        }
        'snapshot' { $results.Add(@{ snapshot = (Get-FakeMachineSnapshot) }) }
        'run' {
            $arguments = $step.args
            if ($step.PSObject.Properties['backupFrom']) {
                $answer = ConvertFrom-Json -InputObject $results[[int]$step.backupFrom].stdout
                $backup = $null
                if ($answer.PSObject.Properties['facts']) { $backup = $answer.facts }
                $arguments | Add-Member -MemberType NoteProperty -Name backup -Value $backup -Force
            }
            $json = ConvertTo-Json -InputObject $arguments -Depth 20 -Compress
            $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
            Set-FakeElevation -Elevated ([bool]($step.PSObject.Properties['elevated'] -and $step.elevated))
            $writer = New-Object -TypeName System.IO.StringWriter
            $console = [Console]::Out
            [Console]::SetOut($writer)
            $output = @()
            $thrown = $null
            # The app's session (electron/main/powershell/session.ts) leaves the global
            # $ErrorActionPreference at its default, Continue; only each script sets 'Stop', in
            # its own scope. This runner's own 'Stop' is global (a -File script's top level is),
            # and module functions (the CDXML cmdlets, PowerShell#4568) read the global one: it is
            # put back to Continue while a product script runs, as in the app.
            $runnerPreference = $global:ErrorActionPreference
            $global:ErrorActionPreference = 'Continue'
            try {
                # A fresh scope per script, as the one-line invocation in a session gives.
                $output = @(& $step.script -EncodedArgs $encoded 2>&1 | ForEach-Object -Process { [string]$_ })
            } catch {
                $thrown = [string]$_
            } finally {
                $global:ErrorActionPreference = $runnerPreference
                [Console]::SetOut($console)
            }
            $results.Add(@{ stdout = $writer.ToString(); output = $output; thrown = $thrown })
        }
        default { throw "Unknown step $($step.op)" }
    }
    $results[$results.Count - 1]['ms'] = $clock.Elapsed.TotalMilliseconds
}
$text = ConvertTo-Json -InputObject $results.ToArray() -Depth 5 -Compress
[System.IO.File]::WriteAllText($Out, $text)
