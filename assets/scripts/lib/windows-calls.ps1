# The operating-system calls the administrator helper makes, kept thin and apart from its
# decisions (lib\admin-store.ps1, elevated-helper.ps1) so those run in the tests under pwsh on
# Linux. Each Windows branch names the Microsoft documentation it follows. On Linux, .NET's
# NamedPipeServerStream is a Unix domain socket, and the branches here read the same facts
# (peer process id, folder owner and mode) from the kernel, so the helper's checks run for real
# in the tests; the Windows branches (pipe DACL, GetNamedPipeClientProcessId, folder ACLs, UAC)
# run only on Windows.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Starts a process as administrator: ShellExecuteEx with the "runas" verb shows the UAC prompt.
# Process.Start is called directly rather than through Start-Process, because Start-Process turns
# the Win32Exception into an InvalidOperationException that keeps only the localized message
# (PowerShell source: Microsoft.PowerShell.Commands.Management, StartProcessCommand), so a
# declined prompt (ERROR_CANCELLED, 1223) could not be told from a failure. Called from
# PowerShell, the Win32Exception arrives as the InnerException of a MethodInvocationException.
# learn.microsoft.com: ProcessStartInfo.Verb; Process.Start(ProcessStartInfo) "Win32Exception";
# ShellExecuteExW: "ERROR_CANCELLED: The function prompted the user for additional information,
# but the user canceled the request."
function Start-ProcessAsAdministrator {
    param([Parameter(Mandatory = $true)][string]$FilePath, [Parameter(Mandatory = $true)][string]$Arguments)
    $startInfo = New-Object -TypeName System.Diagnostics.ProcessStartInfo -ArgumentList @($FilePath, $Arguments)
    $startInfo.UseShellExecute = $true
    $startInfo.Verb = 'runas'
    $startInfo.WindowStyle = [System.Diagnostics.ProcessWindowStyle]::Hidden
    return [System.Diagnostics.Process]::Start($startInfo)
}

# The Windows System folder (C:\Windows\System32) as the shell knows it (SHGetFolderPath
# CSIDL_SYSTEM), not from %SystemRoot%, which the user's environment can change. Empty off
# Windows (.NET returns "" for a folder the platform does not have).
# learn.microsoft.com: Environment.SystemDirectory (the same folder as GetFolderPath(SpecialFolder.System);
# the nested type name "Environment+SpecialFolder" is avoided: the script parser in the tests rejects it).
function Get-SystemFolder {
    return [System.Environment]::SystemDirectory
}

# The SID of the user running this (unelevated) code: the helper's pipe admits that account
# only; no other account can open it. (A logon-session SID would be
# narrower, but WindowsIdentity.Groups leaves out SE_GROUP_LOGON_ID groups, and reading the token
# directly needs native code; the helper's peer check accepts one process anyway.)
# learn.microsoft.com: WindowsIdentity.User.
function Get-LaunchingUserSid {
    if (-not (Test-IsWindows)) { return $null }
    return [System.Security.Principal.WindowsIdentity]::GetCurrent().User.Value
}

# The helper's end of the pipe: one instance only, so nobody can open a second one beside it,
# created by the helper itself, so the name cannot be taken over by a process that got there
# first (creation then fails). On Windows the DACL admits the launching user (read/write, and
# Synchronize, which GENERIC_READ / GENERIC_WRITE include when a client opens it) and denies
# NETWORK (S-1-5-2), so no remote client and no other user can connect.
# learn.microsoft.com: CreateNamedPipeW (nMaxInstances, FILE_FLAG_FIRST_PIPE_INSTANCE),
# "Named Pipe Security and Access Rights", NamedPipeServerStreamAcl.Create (.NET 5+), and the
# NamedPipeServerStream constructor taking PipeSecurity (.NET Framework).
function New-HelperPipeServer {
    param([Parameter(Mandatory = $true)][string]$Name, [AllowEmptyString()][string]$ClientSid)
    $direction = [System.IO.Pipes.PipeDirection]::InOut
    $mode = [System.IO.Pipes.PipeTransmissionMode]::Byte
    $options = [System.IO.Pipes.PipeOptions]::Asynchronous
    if (-not (Test-IsWindows)) {
        # A Unix socket file: bind() fails if the path exists, and .NET allows one instance.
        return New-Object -TypeName System.IO.Pipes.NamedPipeServerStream -ArgumentList @($Name, $direction, 1, $mode, $options)
    }
    if ($ClientSid -notmatch '^S-1-5-[0-9-]+$') { throw 'Refused: the launching user''s SID is missing. Nothing was run.' }
    $security = New-Object -TypeName System.IO.Pipes.PipeSecurity
    $client = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList $ClientSid
    $network = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList 'S-1-5-2'
    $clientRights = [System.IO.Pipes.PipeAccessRights]::ReadWrite -bor [System.IO.Pipes.PipeAccessRights]::Synchronize
    $security.AddAccessRule((New-Object -TypeName System.IO.Pipes.PipeAccessRule -ArgumentList @($client, $clientRights, [System.Security.AccessControl.AccessControlType]::Allow)))
    $security.AddAccessRule((New-Object -TypeName System.IO.Pipes.PipeAccessRule -ArgumentList @($network, [System.IO.Pipes.PipeAccessRights]::FullControl, [System.Security.AccessControl.AccessControlType]::Deny)))
    $aclType = 'System.IO.Pipes.NamedPipeServerStreamAcl' -as [type]
    if ($null -ne $aclType) {
        # PowerShell 7 (.NET 5+): FirstPipeInstance makes creation fail if the name exists.
        $first = $options -bor [System.IO.Pipes.PipeOptions]'FirstPipeInstance'
        return $aclType::Create($Name, $direction, 1, $mode, $first, 65536, 65536, $security)
    }
    # Windows PowerShell 5.1 (.NET Framework 4.x): with nMaxInstances 1, creating an instance of
    # a name that already has one fails with ERROR_PIPE_BUSY / ERROR_ACCESS_DENIED.
    return New-Object -TypeName System.IO.Pipes.NamedPipeServerStream -ArgumentList @($Name, $direction, 1, $mode, $options, 65536, 65536, $security)
}

# The process id of the client connected to the pipe, as the kernel reports it.
# Windows: GetNamedPipeClientProcessId (learn.microsoft.com, winbase.h, Windows Vista+).
# Linux: getsockopt(SO_PEERCRED) on the Unix socket (man 7 unix: struct ucred { pid, uid, gid }).
function Get-PipeClientProcessId {
    param([Parameter(Mandatory = $true)][System.IO.Pipes.NamedPipeServerStream]$Pipe)
    if (Test-IsWindows) {
        if (-not ('RdpDoctor.PipeNative' -as [type])) {
            Add-Type -Namespace 'RdpDoctor' -Name 'PipeNative' -MemberDefinition @'
[System.Runtime.InteropServices.DllImport("kernel32.dll", SetLastError = true)]
public static extern bool GetNamedPipeClientProcessId(System.IntPtr pipe, out uint clientProcessId);
'@
        }
        [uint32]$clientPid = 0
        # An IntPtr keeps the signature free of System.Core, which Add-Type on 5.1 may not reference;
        # the pipe object stays alive (and its handle open) for the whole call.
        if (-not [RdpDoctor.PipeNative]::GetNamedPipeClientProcessId($Pipe.SafePipeHandle.DangerousGetHandle(), [ref]$clientPid)) {
            throw ('GetNamedPipeClientProcessId failed (Windows error {0}).' -f [System.Runtime.InteropServices.Marshal]::GetLastWin32Error())
        }
        return [int]$clientPid
    }
    # SOL_SOCKET 1, SO_PEERCRED 17 (Linux asm-generic/socket.h).
    $handle = New-Object -TypeName System.Net.Sockets.SafeSocketHandle -ArgumentList @($Pipe.SafePipeHandle.DangerousGetHandle(), $false)
    $socket = New-Object -TypeName System.Net.Sockets.Socket -ArgumentList $handle
    $credentials = New-Object -TypeName byte[] -ArgumentList 12
    $null = $socket.GetRawSocketOption(1, 17, $credentials)
    return [System.BitConverter]::ToInt32($credentials, 0)
}

# An item's owner and allow/deny entries as SIDs and numbers, for Get-AclRefusal.
# learn.microsoft.com: Get-Acl; FileSystemSecurity.GetAccessRules; ObjectSecurity.GetOwner;
# PropagationFlags.InheritOnly.
function Get-AclFacts {
    param([Parameter(Mandatory = $true)][string]$Path)
    $acl = Get-Acl -LiteralPath $Path
    $sidType = [System.Security.Principal.SecurityIdentifier]
    $rules = @($acl.GetAccessRules($true, $true, $sidType) | ForEach-Object -Process {
            @{
                sid         = [string]$_.IdentityReference.Value
                type        = [string]$_.AccessControlType
                rights      = [int64][int]$_.FileSystemRights
                inheritOnly = (($_.PropagationFlags -band [System.Security.AccessControl.PropagationFlags]::InheritOnly) -ne 0)
            }
        })
    return @{ owner = [string]$acl.GetOwner($sidType).Value; rules = $rules }
}

# Creates a folder whose DACL is set at creation (no window in which it carries %ProgramData%'s
# inherited "Users may create files" entry): owner Administrators, SYSTEM and Administrators full
# control, inheritance from the parent cut. Elsewhere: mode 0700 for the current user.
# learn.microsoft.com: Directory.CreateDirectory(String, DirectorySecurity) (.NET Framework);
# FileSystemAclExtensions.Create(DirectoryInfo, DirectorySecurity) (.NET 5+).
function New-AdminOnlyFolder {
    param([Parameter(Mandatory = $true)][string]$Path)
    if (-not (Test-IsWindows)) {
        $null = [System.IO.Directory]::CreateDirectory($Path, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
        return
    }
    $security = New-Object -TypeName System.Security.AccessControl.DirectorySecurity
    $administrators = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList 'S-1-5-32-544'
    $system = New-Object -TypeName System.Security.Principal.SecurityIdentifier -ArgumentList 'S-1-5-18'
    $security.SetOwner($administrators)
    $security.SetAccessRuleProtection($true, $false)
    $inherit = [System.Security.AccessControl.InheritanceFlags]'ContainerInherit, ObjectInherit'
    foreach ($sid in @($system, $administrators)) {
        $security.AddAccessRule((New-Object -TypeName System.Security.AccessControl.FileSystemAccessRule -ArgumentList @($sid, [System.Security.AccessControl.FileSystemRights]::FullControl, $inherit, [System.Security.AccessControl.PropagationFlags]::None, [System.Security.AccessControl.AccessControlType]::Allow)))
    }
    $extensions = 'System.IO.FileSystemAclExtensions' -as [type]
    if ($null -ne $extensions) {
        $null = $extensions::Create((New-Object -TypeName System.IO.DirectoryInfo -ArgumentList $Path), $security)
    } else {
        $null = [System.IO.Directory]::CreateDirectory($Path, $security)
    }
}

# Not Windows: why a folder or file is not private to the user running this, or $null. Owner from
# UnixStat (PowerShell 7), this process's effective uid from /proc/self/status (man 5 proc).
function Get-UnixModeRefusal {
    param([Parameter(Mandatory = $true)][string]$Path)
    $stat = (Get-Item -LiteralPath $Path -Force).UnixStat
    $uidLine = @([System.IO.File]::ReadAllLines('/proc/self/status') | Where-Object -FilterScript { $_ -like 'Uid:*' })[0]
    $effectiveUid = [int](($uidLine -split '\s+')[2])
    if ($stat.UserId -ne $effectiveUid) { return ('it is owned by uid {0}' -f $stat.UserId) }
    # Group write 0o020, other write 0o002.
    if (($stat.Mode -band 18) -ne 0) { return ('its mode lets other users write to it ({0})' -f [System.Convert]::ToString(($stat.Mode -band 511), 8)) }
    return $null
}
