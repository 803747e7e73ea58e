<#
.SYNOPSIS
    RDP Doctor's administrator helper: runs the backup, fix and undo scripts of a batch of fixes
    under one UAC prompt.
.DESCRIPTION
    Two modes, chosen by the base64 JSON argument:
    launch  (unelevated, run by the app's session) starts this script again as administrator with
            Start-Process -Verb RunAs and prints one JSON object saying how that went. A declined
            prompt is reported by its Win32 error code (1223), which no display language changes.
    serve   (elevated) connects to the app's named pipe, proves itself with the token it was
            started with, then answers one request per line: a script id from the allow-list
            below and that script's arguments as base64 JSON. It never runs text it receives.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

# The only scripts that run as administrator: the backup, fix and undo scripts of the catalog's
# fixes. Each is the file "<id>.ps1" beside this one. A test keeps this list equal to the catalog.
$AllowedScripts = @(
    'backup-client-license-cache'
    'fix-client-license-cache'
    'undo-client-license-cache'
    'backup-client-credssp'
    'fix-client-credssp'
    'undo-client-credssp'
    'backup-client-udp'
    'fix-client-udp'
    'undo-client-udp'
    'backup-firewall-rdp'
    'fix-enable-firewall-rdp'
    'undo-enable-firewall-rdp'
    'backup-rdp-certificate'
    'fix-regenerate-rdp-certificate'
    'undo-regenerate-rdp-certificate'
    'backup-rdp-enabled'
    'fix-enable-rdp'
    'undo-enable-rdp'
    'backup-rdp-services'
    'fix-start-rdp-services'
    'undo-start-rdp-services'
    'backup-rdp-key-permissions'
    'fix-repair-rdp-key-permissions'
    'undo-repair-rdp-key-permissions'
    'backup-rdp-security-layer'
    'fix-require-tls-security-layer'
    'undo-rdp-security-layer'
    'fix-rdp-security-isolation-test'
    'backup-tls12-server'
    'fix-enable-tls12-server'
    'undo-enable-tls12-server'
)
# The only argument names those scripts take.
$AllowedArgumentNames = @('backupDir', 'backup')
$MaxEncodedLength = 65536

function Get-Field {
    param([Parameter(Mandatory = $true)]$Object, [Parameter(Mandatory = $true)][string]$Name)
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) { return $null }
    return $property.Value
}

function Get-NativeErrorCode {
    param([Parameter(Mandatory = $true)][System.Exception]$Exception)
    # Start-Process wraps the Win32Exception; its code, unlike its message, is not translated.
    $current = $Exception
    while ($null -ne $current) {
        if ($current -is [System.ComponentModel.Win32Exception]) { return $current.NativeErrorCode }
        $current = $current.InnerException
    }
    return $null
}

function Start-ElevatedHelper {
    param([Parameter(Mandatory = $true)]$Start)
    $serve = @{
        mode       = 'serve'
        pipeName   = [string](Get-Field -Object $Start -Name 'pipeName')
        token      = [string](Get-Field -Object $Start -Name 'token')
        backupRoot = [string](Get-Field -Object $Start -Name 'backupRoot')
    }
    $json = ConvertTo-Json -InputObject $serve -Compress
    $encoded = [System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
    $shell = Join-Path -Path $PSHOME -ChildPath 'powershell.exe'
    # Start-Process joins the list with spaces and quotes nothing: the script path is quoted here
    # (no Windows path contains a double quote) and the other values are base64 or fixed words.
    $argumentList = @(
        '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-WindowStyle', 'Hidden',
        '-File', ('"' + $PSCommandPath + '"'), '-EncodedArgs', $encoded
    )
    try {
        $process = Start-Process -FilePath $shell -ArgumentList $argumentList -Verb RunAs -WindowStyle Hidden -PassThru
        return @{ started = $true; processId = $process.Id; nativeErrorCode = $null; message = $null }
    } catch {
        return @{
            started         = $false
            processId       = $null
            nativeErrorCode = (Get-NativeErrorCode -Exception $_.Exception)
            message         = $_.Exception.Message
        }
    }
}

function Test-BackupDir {
    param([string]$Path, [Parameter(Mandatory = $true)][string]$Root)
    if ([string]::IsNullOrEmpty($Path) -or -not [System.IO.Path]::IsPathRooted($Path)) { return $false }
    $full = [System.IO.Path]::GetFullPath($Path)
    $rootFull = [System.IO.Path]::GetFullPath($Root).TrimEnd('\') + '\'
    return $full.StartsWith($rootFull, [System.StringComparison]::OrdinalIgnoreCase)
}

# Returns the reason a request is refused, or $null when it may run.
function Get-RefusalReason {
    param([Parameter(Mandatory = $true)]$Request, [Parameter(Mandatory = $true)][string]$BackupRoot)
    $scriptId = [string](Get-Field -Object $Request -Name 'script')
    if ($AllowedScripts -notcontains $scriptId) { return "the script '$scriptId' is not on the helper's allow-list" }
    $encoded = [string](Get-Field -Object $Request -Name 'encodedArgs')
    if ($encoded.Length -eq 0 -or $encoded.Length -gt $MaxEncodedLength) { return 'the arguments are missing or too long' }
    $arguments = ConvertFrom-EncodedArgs -Value $encoded
    if ($arguments -isnot [System.Management.Automation.PSCustomObject]) { return 'the arguments are not an object' }
    foreach ($property in $arguments.PSObject.Properties) {
        if ($AllowedArgumentNames -notcontains $property.Name) { return "the argument '$($property.Name)' is not known" }
    }
    $backupDir = Get-Field -Object $arguments -Name 'backupDir'
    if ($null -ne $backupDir -and -not (Test-BackupDir -Path ([string]$backupDir) -Root $BackupRoot)) {
        return 'the backup folder is outside RDP Doctor''s backup folder'
    }
    return $null
}

# Runs one allowed script and returns the one JSON object it printed, parsed.
function Invoke-AllowedScript {
    param([Parameter(Mandatory = $true)][string]$ScriptId, [Parameter(Mandatory = $true)][string]$Encoded)
    $path = Join-Path -Path $PSScriptRoot -ChildPath ($ScriptId + '.ps1')
    $previous = [Console]::Out
    $capture = New-Object -TypeName System.IO.StringWriter
    [Console]::SetOut($capture)
    try {
        & $path -EncodedArgs $Encoded | Out-Null
    } finally {
        [Console]::SetOut($previous)
    }
    $lines = @($capture.ToString() -split "`r?`n" | Where-Object -FilterScript { $_.Trim() -ne '' })
    if ($lines.Count -eq 0) { throw "$ScriptId printed no result." }
    return ConvertFrom-Json -InputObject $lines[$lines.Count - 1]
}

function Send-Line {
    param([Parameter(Mandatory = $true)][System.IO.StreamWriter]$Writer, [Parameter(Mandatory = $true)][hashtable]$Message)
    $Writer.WriteLine((ConvertTo-Json -InputObject $Message -Depth 20 -Compress))
}

function Invoke-Request {
    param(
        [Parameter(Mandatory = $true)]$Request,
        [Parameter(Mandatory = $true)][System.IO.StreamWriter]$Writer,
        [Parameter(Mandatory = $true)][string]$BackupRoot
    )
    $id = [int](Get-Field -Object $Request -Name 'id')
    try {
        $refusal = Get-RefusalReason -Request $Request -BackupRoot $BackupRoot
        if ($null -ne $refusal) {
            return @{ type = 'result'; id = $id; ok = $false; error = @{ kind = 'refused'; message = $refusal } }
        }
        $scriptId = [string](Get-Field -Object $Request -Name 'script')
        Send-Line -Writer $Writer -Message @{ type = 'progress'; id = $id; message = "Running $scriptId" }
        $envelope = Invoke-AllowedScript -ScriptId $scriptId -Encoded ([string](Get-Field -Object $Request -Name 'encodedArgs'))
        if ((Get-Field -Object $envelope -Name 'ok') -eq $true) {
            return @{ type = 'result'; id = $id; ok = $true; facts = (Get-Field -Object $envelope -Name 'facts') }
        }
        $failure = Get-Field -Object $envelope -Name 'error'
        return @{ type = 'result'; id = $id; ok = $false; error = @{ kind = 'script-error'; message = [string](Get-Field -Object $failure -Name 'message') } }
    } catch {
        return @{ type = 'result'; id = $id; ok = $false; error = @{ kind = 'script-error'; message = $_.Exception.Message } }
    }
}

function Invoke-HelperLoop {
    param([Parameter(Mandatory = $true)]$Start)
    $pipeName = [string](Get-Field -Object $Start -Name 'pipeName')
    $backupRoot = [string](Get-Field -Object $Start -Name 'backupRoot')
    $pipe = New-Object -TypeName System.IO.Pipes.NamedPipeClientStream -ArgumentList @('.', $pipeName, [System.IO.Pipes.PipeDirection]::InOut)
    $pipe.Connect(30000)
    $encoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
    $reader = New-Object -TypeName System.IO.StreamReader -ArgumentList @($pipe, $encoding)
    $writer = New-Object -TypeName System.IO.StreamWriter -ArgumentList @($pipe, $encoding)
    $writer.AutoFlush = $true
    try {
        Send-Line -Writer $writer -Message @{ type = 'hello'; token = [string](Get-Field -Object $Start -Name 'token'); pid = $PID }
        while ($true) {
            # A closed pipe (the app exited or gave up) ends the helper.
            $line = $reader.ReadLine()
            if ($null -eq $line) { break }
            $request = ConvertFrom-Json -InputObject $line
            if ((Get-Field -Object $request -Name 'type') -eq 'exit') { break }
            Send-Line -Writer $writer -Message (Invoke-Request -Request $request -Writer $writer -BackupRoot $backupRoot)
        }
    } finally {
        $pipe.Dispose()
    }
}

$startArguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
$mode = Get-Field -Object $startArguments -Name 'mode'
if ($mode -eq 'launch') {
    Invoke-RdpDoctorScript -Body { Start-ElevatedHelper -Start $startArguments }
} elseif ($mode -eq 'serve') {
    Invoke-HelperLoop -Start $startArguments
} else {
    Invoke-RdpDoctorScript -Body { throw "Unknown mode '$mode'." }
}
