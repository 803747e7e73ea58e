/**
 * Microsoft's articles behind the causes RDP Doctor names, for "Learn more". Each is a real page
 * (checked against its source file in MicrosoftDocs/SupportArticles-docs or
 * MicrosoftDocs/windowsserverdocs, path in the comment); no locale in the path, so
 * learn.microsoft.com opens it in the reader's language. electron/main/help-links.ts lets only
 * learn.microsoft.com through to the browser.
 */
const TROUBLESHOOT = 'https://learn.microsoft.com/troubleshoot';
const WINDOWS_SERVER = 'https://learn.microsoft.com/windows-server';

export const learnMore = {
  /** support/windows-server/remote/rdp-error-general-troubleshooting.md */
  generalTroubleshooting: `${TROUBLESHOOT}/windows-server/remote/rdp-error-general-troubleshooting`,
  /** support/windows-server/remote/internal-error-has-occurred-connecting-remote-machine.md */
  internalError: `${TROUBLESHOOT}/windows-server/remote/internal-error-has-occurred-connecting-remote-machine`,
  /** support/azure/virtual-machines/windows/troubleshoot-authentication-error-rdp-vm.md */
  authenticationError: `${TROUBLESHOOT}/azure/virtual-machines/windows/troubleshoot-authentication-error-rdp-vm`,
  /** support/windows-server/remote/cannot-connect-rds-no-license-server.md */
  noLicense: `${TROUBLESHOOT}/windows-server/remote/cannot-connect-rds-no-license-server`,
  /** desktop-src/TermServ/imstscaxevents-onlogonerror.md (MicrosoftDocs/win32): the logon error codes */
  logonError: 'https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-onlogonerror',
  /** support/windows-server/remote/remote-desktop-listener-certificate-configurations.md */
  listenerCertificate: `${TROUBLESHOOT}/windows-server/remote/remote-desktop-listener-certificate-configurations`,
  /** support/azure/virtual-machines/windows/credssp-encryption-oracle-remediation.md */
  credSsp: `${TROUBLESHOOT}/azure/virtual-machines/windows/credssp-encryption-oracle-remediation`,
  /** support/azure/virtual-machines/windows/cannot-rdp-azure-vm-brute-force.md */
  bruteForce: `${TROUBLESHOOT}/azure/virtual-machines/windows/cannot-rdp-azure-vm-brute-force`,
  /** support/azure/virtual-machines/windows/guest-os-firewall-blocking-inbound-traffic.md */
  firewallBlocksInbound: `${TROUBLESHOOT}/azure/virtual-machines/windows/guest-os-firewall-blocking-inbound-traffic`,
  /** WindowsServerDocs/security/tls/tls-registry-settings.md */
  tlsRegistry: `${WINDOWS_SERVER}/security/tls/tls-registry-settings`,
  /** WindowsServerDocs/remote/remote-desktop-services/clients/change-listening-port.md */
  listeningPort: `${WINDOWS_SERVER}/remote/remote-desktop-services/clients/change-listening-port`,
  /** WindowsServerDocs/remote/remote-desktop-services/clients/uninstall-remote-desktop-connection.md */
  reinstallRemoteDesktopConnection: `${WINDOWS_SERVER}/remote/remote-desktop-services/clients/uninstall-remote-desktop-connection`,
  /** WindowsServerDocs/remote/remote-desktop-services/clients/remote-desktop-allow-access.md */
  allowAccess: `${WINDOWS_SERVER}/remote/remote-desktop-services/clients/remote-desktop-allow-access`,
  /** windows/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-outgoing-ntlm-traffic-to-remote-servers.md (MicrosoftDocs/windows-itpro-docs) */
  restrictNtlmOutgoing:
    'https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-outgoing-ntlm-traffic-to-remote-servers',
  /** windows/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-incoming-ntlm-traffic.md (MicrosoftDocs/windows-itpro-docs) */
  restrictNtlmIncoming:
    'https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/network-security-restrict-ntlm-incoming-ntlm-traffic',
  /** windows/security/threat-protection/security-policy-settings/network-security-lan-manager-authentication-level.md (MicrosoftDocs/windows-itpro-docs) */
  lanManagerLevel:
    'https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/network-security-lan-manager-authentication-level',
  /** windows/security/identity-protection/remote-credential-guard.md (MicrosoftDocs/windows-itpro-docs) */
  remoteCredentialGuard: 'https://learn.microsoft.com/windows/security/identity-protection/remote-credential-guard',
} as const;
