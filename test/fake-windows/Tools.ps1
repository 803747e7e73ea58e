# reg.exe, icacls.exe, cmdkey.exe and shutdown.exe from System32. Invoke-SystemTool (lib\system-tools.ps1) runs them
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

# cmdkey (learn.microsoft.com, "cmdkey": /list, /delete:<TargetName>; its own usage text, captured in
# captures/cmdkey-usage.en-US.txt, "To delete existing credentials: cmdkey /delete:targetname").
# /list prints a header, a blank line, then each credential as indented Target/Type/User lines and
# a blank line; "* NONE *" when there is none. The target is shown with its kind in front
# ("Domain:target=TERMSRV/srv01", "LegacyGeneric:target=..."): the state holds it as shown.
# Credentials are the user's own: no administrator rights needed.
# A German Windows prints the labels in German (captures/cmdkey-list.de-DE.txt: "Momentan
# gespeicherte Anmeldeinformationen:", "Ziel:", "Typ: Allgemeine", "Benutzer:"); its text for a
# type other than Generic, and for "* NONE *", has not been found published: not modelled. A
# credential kept for the logon session only adds a line ("Nur f\u00fcr diese Sitzung gespeichert");
# its English text has not been found published: not modelled.
$script:CmdkeyText = @{
    'en' = @{ Header = 'Currently stored credentials:'; None = '* NONE *'; Target = 'Target'; Type = 'Type'; User = 'User'; Types = @{}; SessionOnly = $null }
    'de' = @{ Header = 'Momentan gespeicherte Anmeldeinformationen:'; None = $null; Target = 'Ziel'; Type = 'Typ'; User = 'Benutzer'; Types = @{ 'Generic' = 'Allgemeine' }; SessionOnly = ('Nur f{0}r diese Sitzung gespeichert' -f [char]0x00FC) }
}

function Get-FakeCmdkeyText {
    $language = 'en'
    $culture = Get-FakeSection -Name 'culture'
    if ($null -ne $culture) { $language = ([string]$culture).Split('-')[0] }
    if (-not $script:CmdkeyText.ContainsKey($language)) { throw "FakeWindows: cmdkey's text in $culture is not modelled." }
    return $script:CmdkeyText[$language]
}

# /delete:<target> deletes the credential whose target name is <target>: the bare name
# ("TERMSRV/srv01", as the usage text and Microsoft's examples write it, and as public scripts
# pass it after cutting the "Domain:target=" off) or the name as /list shows it, kind in front
# (public scripts pass "$_ -replace 'Target:',''" from /list to /del: the widely copied one-liner
# credited to Stack Overflow question 39478018). An unknown target: "CMDKEY: Element not found."
# (ERROR_NOT_FOUND) and exit code 1. The success and failure lines are modelled in English only.
function cmdkey.exe {
    $arguments = @($args)
    Invoke-FakeFault -Command 'cmdkey.exe'
    $credentials = Get-FakeSection -Name 'credentials'
    if ($null -eq $credentials) { $credentials = @() }
    if ($arguments[0] -eq '/list') {
        $text = Get-FakeCmdkeyText
        ''
        $text.Header
        ''
        if ($credentials.Count -eq 0) {
            if ($null -eq $text.None) { throw 'FakeWindows: cmdkey /list with no credential is not modelled in this language.' }
            $text.None
        }
        foreach ($credential in $credentials) {
            $type = [string]$credential.type
            if ($text.Types.Count -gt 0) {
                if (-not $text.Types.ContainsKey($type)) { throw "FakeWindows: cmdkey's name for the credential type $type is not modelled in this language." }
                $type = $text.Types[$type]
            }
            ('    {0}: {1}' -f $text.Target, $credential.target)
            ('    {0}: {1}' -f $text.Type, $type)
            ('    {0}: {1}' -f $text.User, $credential.user)
            # A credential kept for this logon session only (CRED_PERSIST_SESSION) says so.
            if ($credential.Contains('persist') -and [string]$credential.persist -eq 'session') {
                if ($null -eq $text.SessionOnly) { throw 'FakeWindows: cmdkey''s line for a session-only credential is not modelled in this language.' }
                ('    ' + $text.SessionOnly)
            }
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
#
# shutdown /a aborts it during the time-out period ("shutdown", /a). Aborting needs the same
# privilege (AbortSystemShutdown: "the calling process must have the SE_SHUTDOWN_NAME
# privilege"). With nothing pending it fails with ERROR_NO_SHUTDOWN_IN_PROGRESS (1116, "Unable to
# abort the system shutdown because no shutdown was in progress.", winerror.h / System Error
# Codes (1000-1299)), written as the tool writes its errors, "<text>(<code>)".
function shutdown.exe {
    $arguments = @($args)
    Invoke-FakeFault -Command 'shutdown.exe'
    if ($arguments[0] -eq '/a') {
        if ($arguments.Count -gt 1) { throw "FakeWindows: shutdown.exe /a with more options not modelled" }
        if (-not (Test-FakeAdmin)) {
            'Access is denied.(5)'
            Set-FakeExitCode 5
            return
        }
        if (-not ($script:Machine.Contains('pendingRestart') -and $null -ne $script:Machine['pendingRestart'])) {
            'Unable to abort the system shutdown because no shutdown was in progress.(1116)'
            Set-FakeExitCode 1116
            return
        }
        $script:Machine['pendingRestart'] = $null
        Save-FakeMachine
        Set-FakeExitCode 0
        return
    }
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
