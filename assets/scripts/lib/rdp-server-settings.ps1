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

# The listener's certificate choice: its Win32_TSGeneralSetting instance, the thumbprint it names
# (upper case, $null for none) and its hash type. Refuses when the setting cannot be read (the
# services restarting) and while a group policy chooses the certificate (SSLCertificateSHA1HashType
# 2, "Default group policy enforced", learn.microsoft.com "Win32_TSGeneralSetting class"): the
# policy would apply its own certificate again, so it is never re-pointed.
function Get-RdpListenerChoice {
    $setting = Get-RdpListenerSetting
    if ($null -eq $setting) { throw 'Remote Desktop''s listener settings (Win32_TSGeneralSetting, RDP-Tcp) cannot be read right now: its services may be restarting. Nothing was changed.' }
    $hashType = $null
    if ($null -ne $setting.SSLCertificateSHA1HashType) { $hashType = [int]$setting.SSLCertificateSHA1HashType }
    if ($hashType -eq 2) {
        throw 'A group policy chooses the Remote Desktop certificate (SSLCertificateSHA1HashType 2): it would put its own certificate back, so RDP Doctor does not point Remote Desktop elsewhere. Nothing was changed.'
    }
    $thumbprint = $null
    if ($setting.SSLCertificateSHA1Hash) { $thumbprint = ([string]$setting.SSLCertificateSHA1Hash).ToUpperInvariant() }
    return @{ setting = $setting; thumbprint = $thumbprint; hashType = $hashType }
}

# Points the listener at a certificate by its thumbprint (Win32_TSGeneralSetting
# SSLCertificateSHA1Hash, "Access type: Read/write"). WMI refuses a thumbprint of no certificate
# in My or Remote Desktop with "Invalid parameter": said in plain words, nothing changed.
function Set-RdpListenerCertificate {
    param([Parameter(Mandatory = $true)]$Setting, [Parameter(Mandatory = $true)][string]$Thumbprint)
    try {
        $null = Set-CimInstance -InputObject $Setting -Property @{ SSLCertificateSHA1Hash = $Thumbprint } -ErrorAction Stop
    } catch {
        throw ('Windows refused to point Remote Desktop at certificate {0} ({1}). Nothing was changed.' -f $Thumbprint, $_.Exception.Message.Trim())
    }
}
