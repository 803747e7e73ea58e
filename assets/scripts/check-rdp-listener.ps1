<#
.SYNOPSIS
    Reports the RDP-Tcp listener (PortNumber, fEnableWinStation), TermService's process, and who
    listens on the configured port and on the port the user connects to. Changes nothing.
#>
param([Parameter(Mandatory = $true)][string]$EncodedArgs)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path -Path $PSScriptRoot -ChildPath 'lib\common.ps1')

Invoke-RdpDoctorScript -Body {
    $arguments = ConvertFrom-EncodedArgs -Value $EncodedArgs
    $targetPort = [int]$arguments.port
    $portNumber = Get-RegistryDword -Path $RdpTcpKey -Name 'PortNumber'
    $configured = 3389
    if ($null -ne $portNumber) { $configured = $portNumber }
    $all = @(Get-CimInstance -ClassName 'Win32_Service')
    $termService = @($all | Where-Object -FilterScript { $_.Name -eq 'TermService' }) | Select-Object -First 1
    $termServicePid = $null
    if ($termService -and [string]$termService.State -eq 'Running' -and $termService.ProcessId) { $termServicePid = [int]$termService.ProcessId }
    $ports = @(@($configured, $targetPort) | Select-Object -Unique)
    $tcpErrors = $null
    $listening = @(Get-NetTCPConnection -State Listen -LocalPort $ports -ErrorAction SilentlyContinue -ErrorVariable tcpErrors)
    # No listener is Get-NetTCPConnection's "No matching MSFT_NetTCPConnection objects" (ObjectNotFound);
    # any other error means the ports could not be listed, which is not "nobody listens".
    $failed = @($tcpErrors | Where-Object -FilterScript { -not ($_ -is [System.Management.Automation.ErrorRecord] -and $_.CategoryInfo.Category -eq 'ObjectNotFound') })
    if ($failed.Count -gt 0) {
        $reason = $failed[0]
        if ($reason -is [System.Management.Automation.ErrorRecord]) { $reason = $reason.Exception }
        throw ('Could not list the listening TCP ports (Get-NetTCPConnection): ' + [string]$reason.Message)
    }
    $listeners = @($listening | ForEach-Object -Process {
            $owner = [int]$_.OwningProcess
            $process = Get-Process -Id $owner -ErrorAction SilentlyContinue
            $processName = $null
            if ($process) { $processName = [string]$process.ProcessName }
            $hosted = @($all | Where-Object -FilterScript { [int]$_.ProcessId -eq $owner -and [string]$_.State -eq 'Running' } | ForEach-Object -Process { [string]$_.Name })
            @{
                localAddress = [string]$_.LocalAddress
                localPort    = [int]$_.LocalPort
                pid          = $owner
                processName  = $processName
                services     = $hosted
            }
        })
    @{
        targetPort        = $targetPort
        portNumber        = $portNumber
        fEnableWinStation = (Get-RegistryDword -Path $RdpTcpKey -Name 'fEnableWinStation')
        termServicePid    = $termServicePid
        listeners         = $listeners
    }
}
