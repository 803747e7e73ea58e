<#
.SYNOPSIS
    Cannot bring a removed password back (Windows never reveals it, so it was never saved).
    Says so for each entry, and changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $restored = New-Object -TypeName System.Collections.Generic.List[string]
    foreach ($entry in @($arguments.backup.entries)) {
        $restored.Add("$entry cannot be put back (Windows never reveals a saved password); type the password at the next connection and tick ""Remember me""")
    }
    @{ restored = @($restored) }
}
