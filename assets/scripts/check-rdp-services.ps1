<#
.SYNOPSIS
    Reports Remote Desktop Services and the services its certificate needs: whether each exists,
    its status, start type and account. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $null = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $all = @(Get-CimInstance -ClassName 'Win32_Service')
    $services = @(foreach ($name in @($RdpServiceDefaults.Keys)) {
            $service = Get-Service -Name $name -ErrorAction SilentlyContinue
            if ($null -eq $service) {
                @{ name = $name; exists = $false; status = $null; startType = $null; account = $null }
            } else {
                $cim = @($all | Where-Object -FilterScript { $_.Name -eq $name }) | Select-Object -First 1
                $account = $null
                if ($cim) { $account = [string]$cim.StartName }
                @{ name = $name; exists = $true; status = [string]$service.Status; startType = [string]$service.StartType; account = $account }
            }
        })
    @{ services = $services }
}
