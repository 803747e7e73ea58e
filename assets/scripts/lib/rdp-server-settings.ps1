# The remote computer (the server): where Windows keeps Remote Desktop's settings, the services
# it needs, and its firewall rules.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# The "Remote Desktop" firewall group by its resource id, so localized Windows matches too.
$RdpFirewallGroup = '@FirewallAPI.dll,-28752'
$RdpCertStore = 'Cert:\LocalMachine\Remote Desktop'

function Get-RdpListenerSetting {
    return Get-CimInstance -Namespace 'root\cimv2\TerminalServices' -ClassName 'Win32_TSGeneralSetting' -Filter "TerminalName='RDP-tcp'"
}

$TerminalServerKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server'
$RdpTcpKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\Terminal Server\WinStations\RDP-Tcp'
$TerminalServicesPolicyKey = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
$SchannelProtocolsKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'

# The services Remote Desktop needs, and the start type Windows ships each with.
$RdpServiceDefaults = [ordered]@{
    TermService  = 'Manual'
    UmRdpService = 'Manual'
    SessionEnv   = 'Manual'
    CertPropSvc  = 'Manual'
    KeyIso       = 'Manual'
    CryptSvc     = 'Automatic'
}

# The RDP-over-WebSocket rules of the "Remote Desktop" group (off unless that is used).
function Test-RdpWebSocketRule {
    param([Parameter(Mandatory = $true)]$Rule)
    return (([string]$Rule.Name -match '-WSS?$') -or ([string]$Rule.DisplayName -match 'WSS?-In'))
}
