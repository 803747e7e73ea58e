# The libraries every RDP Doctor script loads. Each script loads this file (lib\common.ps1) with
# one dot-source line, and this file loads the rest, in this order: these lines are the one list
# of them. Where a script cannot load files (a fix script for the server, a script sent over
# remoting), electron/main/remote/script-libraries.ts and invoke-remote.ps1 put each file's text
# in place of its line (every file once); the elevated helper checks every file of lib\ against
# the manifest before it loads any. A library may load another with the same kind of line.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'script-answer.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'system-tools.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'registry.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'registry-changes.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'update-dates.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'remote-desktop-client.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'rdp-server-settings.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'access-rights.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'key-files.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'certificates.ps1')
. (Join-Path -Path $PSScriptRoot -ChildPath 'revert-timer.ps1')
