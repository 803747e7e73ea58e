<#
.SYNOPSIS
    Runs RDP Doctor's server-side scripts on another computer over PowerShell remoting.
.DESCRIPTION
    Arguments (base64 JSON): action ('probe', 'connect' or 'run'), computerName, useSsl, and for
    'run' the file name of one script in this folder plus its own base64 arguments.
    The credentials come from the RDP_DOCTOR_REMOTE_CREDENTIAL environment variable of this
    process (base64 JSON of userName and password), never from command text, so script block
    logging and transcripts never record them; the first call takes them out of the environment
    and keeps them in this process only.
    'run' reads the script and the libraries it loads from this folder (never from the caller),
    puts each library's text in place of the line that loads it ($PSScriptRoot does not exist on
    the other computer), and ships the result with Invoke-Command -FilePath. It prints the
    script's one JSON answer.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

$arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
# The line a script or library loads a library with, relative to its own folder: the scripts' own
# dot-source lines are the one list of what they need (electron/main/remote/script-libraries.ts
# reads them the same way).
$LibraryLinePattern = '^\. \(Join-Path -Path \$PSScriptRoot -ChildPath ''([A-Za-z0-9-]+(?:\\[A-Za-z0-9-]+)*\.ps1)''\)$'

# The credentials arrive in this process's environment (never command text: script block logging
# and transcripts record that). They are read once into a PSCredential (the password as a
# SecureString) kept in this dedicated process, and the variable is removed at once: the
# environment is inherited by every process PowerShell starts and is shown by process tools, so
# it must not hold them for the whole session. (What stays is this process's memory, which any
# program running as the same Windows user can read: docs/security.md says what that means.)
function Get-RemoteCredential {
    $cached = Get-Variable -Name 'RdpDoctorRemoteCredential' -Scope Global -ValueOnly -ErrorAction SilentlyContinue
    if ($null -ne $cached) { return $cached }
    $secret = [System.Environment]::GetEnvironmentVariable('RDP_DOCTOR_REMOTE_CREDENTIAL')
    [System.Environment]::SetEnvironmentVariable('RDP_DOCTOR_REMOTE_CREDENTIAL', $null)
    if (-not $secret) { throw 'No credentials were given for the remote computer.' }
    $given = ConvertFrom-EncodedArgs -Value $secret
    $secret = $null
    $password = ConvertTo-SecureString -String ([string]$given.password) -AsPlainText -Force
    $credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList @([string]$given.userName, $password)
    $given = $null
    Set-Variable -Name 'RdpDoctorRemoteCredential' -Scope Global -Value $credential
    return $credential
}

function Get-RemoteParameters {
    $parameters = @{ ComputerName = [string]$arguments.computerName; Credential = (Get-RemoteCredential) }
    if ($arguments.useSsl) { $parameters.UseSSL = $true }
    return $parameters
}

# A file's lines with each library it loads put in place of the line that loads it, each library
# once ($Inlined), as dot-sourcing would run them. $Folder: the file's folder ('' or 'lib').
# Right after the file's last library line go the libraries $ThenLoad names (paths under this
# folder) and the lines $ThenRun.
function Get-InlinedLines {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][AllowEmptyString()][string]$Folder,
        [Parameter(Mandatory = $true)][string]$Text,
        [Parameter(Mandatory = $true)][AllowEmptyCollection()][System.Collections.Generic.HashSet[string]]$Inlined,
        [string[]]$ThenLoad = @(),
        [string[]]$ThenRun = @()
    )
    $lines = New-Object -TypeName System.Collections.Generic.List[string]
    $last = -1
    foreach ($line in ($Text -split "`r?`n")) {
        $match = [regex]::Match($line.Trim(), $LibraryLinePattern)
        if (-not $match.Success) {
            if ($line.Trim() -match '^\.\s') { throw "The script $Name loads a file in a way RDP Doctor cannot send, so it cannot run remotely: $($line.Trim())" }
            $lines.Add($line)
            continue
        }
        $library = $match.Groups[1].Value
        if ($Folder) { $library = $Folder + '\' + $library }
        if (-not $library.StartsWith('lib\')) { throw "The script $Name loads $library, which is not one of RDP Doctor's libraries." }
        foreach ($inner in @(Get-LibraryLines -Library $library -Inlined $Inlined)) { $lines.Add($inner) }
        $last = $lines.Count
    }
    if ($ThenLoad.Count -gt 0 -or $ThenRun.Count -gt 0) {
        if ($last -lt 0) { throw "The script $Name does not load lib\common.ps1 the usual way, so it cannot run remotely." }
        $then = New-Object -TypeName System.Collections.Generic.List[string]
        foreach ($library in $ThenLoad) { foreach ($inner in @(Get-LibraryLines -Library $library -Inlined $Inlined)) { $then.Add($inner) } }
        foreach ($line in $ThenRun) { $then.Add($line) }
        $lines.InsertRange($last, $then)
    }
    return @($lines)
}

# One library's lines with what it loads in place, as a region named after it (as the fix script
# has them), or nothing when it is in already.
function Get-LibraryLines {
    param([Parameter(Mandatory = $true)][string]$Library, [Parameter(Mandatory = $true)][AllowEmptyCollection()][System.Collections.Generic.HashSet[string]]$Inlined)
    if (-not $Inlined.Add($Library)) { return @() }
    $text = [System.IO.File]::ReadAllText((Join-Path -Path $PSScriptRoot -ChildPath $Library))
    return @(@("#region $Library") + @(Get-InlinedLines -Name $Library -Folder 'lib' -Text $text -Inlined $Inlined) + @('#endregion'))
}

# One script with its libraries in place of their lines, written to a new temporary file. After
# them: the remote answer (it replaces Write-Envelope, so it comes after the script's libraries),
# and the administrator store's checks, run there before the script: backups only in an
# admin-only %ProgramData%\RDP Doctor, never at a path another user of the server could plant.
function New-CombinedScript {
    param([Parameter(Mandatory = $true)][string]$FileName)
    if ($FileName -notmatch '^[a-z0-9-]+\.ps1$' -or $FileName -eq 'invoke-remote.ps1') {
        throw "Not a script RDP Doctor runs remotely: $FileName"
    }
    $path = Join-Path -Path $PSScriptRoot -ChildPath $FileName
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { throw "The script $FileName is missing from $PSScriptRoot." }
    $inlined = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' -ArgumentList @([System.StringComparer]::OrdinalIgnoreCase)
    $guard = 'Assert-RemoteBackupArguments -EncodedArgs $EncodedArgs'
    $lines = Get-InlinedLines -Name $FileName -Folder '' -Text ([System.IO.File]::ReadAllText($path)) -Inlined $inlined -ThenLoad @('lib\remote-answer.ps1', 'lib\admin-store.ps1') -ThenRun @($guard)
    $combined = @($lines) -join [System.Environment]::NewLine
    $temp = Join-Path -Path ([System.IO.Path]::GetTempPath()) -ChildPath ('rdp-doctor-remote-' + [guid]::NewGuid().ToString('N') + '.ps1')
    # With a byte order mark, so Windows PowerShell 5.1 reads non-ASCII text as UTF-8.
    [System.IO.File]::WriteAllText($temp, $combined, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $true))
    return $temp
}

if ([string]$arguments.action -eq 'run') {
    $temp = $null
    try {
        $temp = New-CombinedScript -FileName ([string]$arguments.script)
        $remote = Get-RemoteParameters
        $output = @(Invoke-Command @remote -FilePath $temp -ArgumentList @([string]$arguments.scriptArgs))
        $answers = @($output | Where-Object -FilterScript { $_ -is [string] -and $_.StartsWith('{') })
        if ($answers.Count -eq 0) { throw 'The script printed no result on the remote computer.' }
        [Console]::Out.WriteLine($answers[$answers.Count - 1])
    } catch {
        Write-Envelope -Envelope @{ ok = $false; error = @{ message = $_.Exception.Message; type = $_.Exception.GetType().FullName } }
    } finally {
        if ($temp) { Remove-Item -LiteralPath $temp -Force -ErrorAction SilentlyContinue }
    }
} else {
    Invoke-RdpDoctorScript -Body {
        $computerName = [string]$arguments.computerName
        if ([string]$arguments.action -eq 'probe') {
            # Unauthenticated: does the WinRM service itself answer?
            $probe = @{ ComputerName = $computerName }
            if ($arguments.useSsl) { $probe.UseSSL = $true }
            $identity = Test-WSMan @probe
            return @{ answered = $true; productVersion = [string]$identity.ProductVersion }
        }
        if ([string]$arguments.action -ne 'connect') { throw "Unknown action $($arguments.action)" }
        $remote = Get-RemoteParameters
        $who = Invoke-Command @remote -ScriptBlock {
            $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
            $principal = New-Object -TypeName System.Security.Principal.WindowsPrincipal -ArgumentList $identity
            @{
                computerName = [string]$env:COMPUTERNAME
                isAdmin      = [bool]$principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
                psVersion    = [string]$PSVersionTable.PSVersion
                programData  = [string]$env:ProgramData
            }
        }
        @{
            computerName = [string]$who.computerName
            isAdmin      = [bool]$who.isAdmin
            psVersion    = [string]$who.psVersion
            programData  = [string]$who.programData
        }
    }
}
