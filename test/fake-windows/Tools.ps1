# reg.exe, icacls.exe, cmdkey.exe and shutdown.exe from System32. Invoke-SystemTool (lib\common.ps1) runs them
# by name where [Environment]::SystemDirectory is empty (PowerShell off Windows), which finds
# these functions. Each writes its output lines and sets $LASTEXITCODE as the tool does.

function Set-FakeExitCode {
    param([int]$Code)
    $global:LASTEXITCODE = $Code
}

# reg export <key> <file> /y [/reg:64]; reg import <file> [/reg:64] (learn.microsoft.com,
# "reg export", "reg import"). Importing into HKLM needs administrator rights ("ERROR: Error
# accessing the registry.").
function reg.exe {
    $arguments = @($args)
    Invoke-FakeFault -Command 'reg.exe'
    switch ($arguments[0]) {
        'export' {
            $key = ConvertTo-FakeRegistryKey -Path ('Registry::' + $arguments[1])
            if (-not (Test-FakeRegistryKey -Key $key)) {
                'ERROR: The system was unable to find the specified registry key or value.'
                Set-FakeExitCode 1
                return
            }
            if ((Microsoft.PowerShell.Management\Test-Path -LiteralPath $arguments[2]) -and $arguments -notcontains '/y') { throw 'FakeWindows: reg export without /y over a file asks; not modelled.' }
            Export-FakeRegistryFile -Key $key -File $arguments[2]
            'The operation completed successfully.'
            Set-FakeExitCode 0
        }
        'import' {
            try {
                Import-FakeRegistryFile -File $arguments[1]
            } catch [System.Security.SecurityException] {
                'ERROR: Error accessing the registry.'
                Set-FakeExitCode 1
                return
            }
            Save-FakeMachine
            'The operation completed successfully.'
            Set-FakeExitCode 0
        }
        default { throw "FakeWindows: reg.exe $($arguments[0]) not modelled" }
    }
}

# icacls.exe is in Acl.ps1, with the file security it changes.

# cmdkey /list prints each saved credential as Target/Type/User lines; "* NONE *" when there is
# none. cmdkey /delete:<target> answers "CMDKEY: Element not found." for an unknown target
# (learn.microsoft.com, cmdkey). Credentials are the user's own: no administrator rights needed.
function cmdkey.exe {
    $arguments = @($args)
    Invoke-FakeFault -Command 'cmdkey.exe'
    $credentials = Get-FakeSection -Name 'credentials'
    if ($null -eq $credentials) { $credentials = @() }
    if ($arguments[0] -eq '/list') {
        ''
        'Currently stored credentials:'
        ''
        if ($credentials.Count -eq 0) { '* NONE *' }
        foreach ($credential in $credentials) {
            ('    Target: {0}' -f $credential.target)
            ('    Type: {0}' -f $credential.type)
            ('    User: {0}' -f $credential.user)
            ''
        }
        Set-FakeExitCode 0
        return
    }
    if ($arguments[0] -like '/delete:*') {
        $target = $arguments[0].Substring('/delete:'.Length)
        $found = @($credentials | Where-Object -FilterScript { [string]$_.target -ieq $target -or ([string]$_.target -replace '^[A-Za-z]+:target=', '') -ieq $target })
        if ($found.Count -eq 0) {
            ''
            'CMDKEY: Element not found.'
            Set-FakeExitCode 1
            return
        }
        $script:Machine['credentials'] = @($credentials | Where-Object -FilterScript { $found -notcontains $_ })
        Save-FakeMachine
        ''
        'CMDKEY: Credential deleted successfully.'
        Set-FakeExitCode 0
        return
    }
    throw "FakeWindows: cmdkey $($arguments[0]) not modelled"
}

# shutdown /r /t <s> /d p:<major>:<minor> /c <comment> schedules a restart (learn.microsoft.com,
# "shutdown"; /t is 0-315360000, the comment at most 512 characters). Restarting needs the "Shut
# down the system" right, which Windows Server grants Administrators and Backup Operators only
# ("Shut down the system - security policy setting"): an unelevated token gets "Access is
# denied.(5)". A second restart while one is pending fails with ERROR_SHUTDOWN_IS_SCHEDULED (1190,
# "System Error Codes (1000-1299)"). The machine records the pending restart; nothing restarts.
function shutdown.exe {
    $arguments = @($args)
    Invoke-FakeFault -Command 'shutdown.exe'
    if ($arguments[0] -ne '/r') { throw "FakeWindows: shutdown.exe $($arguments[0]) not modelled" }
    $seconds = 30
    $comment = ''
    $reason = $null
    for ($i = 1; $i -lt $arguments.Count; $i += 2) {
        switch ($arguments[$i]) {
            '/t' { $seconds = [int]$arguments[$i + 1] }
            '/c' { $comment = [string]$arguments[$i + 1] }
            '/d' { $reason = [string]$arguments[$i + 1] }
            default { throw "FakeWindows: shutdown.exe option $($arguments[$i]) not modelled" }
        }
    }
    if ($seconds -lt 0 -or $seconds -gt 315360000 -or $comment.Length -gt 512) {
        'The parameter is incorrect.(87)'
        Set-FakeExitCode 87
        return
    }
    if (-not (Test-FakeAdmin)) {
        'Access is denied.(5)'
        Set-FakeExitCode 5
        return
    }
    if ($script:Machine.Contains('pendingRestart') -and $null -ne $script:Machine['pendingRestart']) {
        'A system shutdown has already been scheduled.(1190)'
        Set-FakeExitCode 1190
        return
    }
    $script:Machine['pendingRestart'] = [ordered]@{ inSeconds = $seconds; reason = $reason; comment = $comment }
    Save-FakeMachine
    Set-FakeExitCode 0
}
