import { learnMore } from '../catalog/learn-more';
import type { ReportedMessage } from '../reported-error';

/**
 * What the error the user saw means, and which causes it points to. Every name and meaning is
 * Microsoft's:
 * - disconnect reasons: IMsTscAxEvents::OnDisconnected
 *   (https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected;
 *   MicrosoftDocs/win32 desktop-src/TermServ/imstscaxevents-ondisconnected.md);
 * - extended codes: ExtendedDisconnectReasonCode
 *   (https://learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode), and for the
 *   protocol range (4096..32767, "check the server event log") the server's error info codes of
 *   MS-RDPBCGR 2.2.5.1.1 Set Error Info PDU Data
 *   (https://learn.microsoft.com/openspecs/windows_protocols/ms-rdpbcgr/a21a1bd9-2303-49c1-90ec-3932435c248c);
 * - 0x80080005: CO_E_SERVER_EXEC_FAILURE, "Server execution failed" (COM Error Codes,
 *   https://learn.microsoft.com/windows/win32/com/com-error-codes-1);
 * - the dialogs without a code: "An internal error has occurred" and the CredSSP "encryption
 *   oracle remediation" error (learn-more.ts: internalError, credSsp).
 * A code Microsoft does not list (0x708, 0x907) says so instead of a meaning.
 * `causes` are the finding ids whose checks can explain the code; empty means RDP Doctor has no
 * check that sees it, and the page says so with what the code means.
 */
export interface CodeMeaning {
  /** Microsoft's identifier, when it has one. */
  name: string | null;
  /** Microsoft's own words (technical). */
  meaning: string;
  /** One plain sentence (shared/catalog/wording.ts applies). */
  plain: string;
  /** Finding ids this error is a symptom of; empty: nothing RDP Doctor checks can explain it. */
  causes: readonly string[];
}

const NAME = ['name-does-not-resolve'];
/** A broken RDP Wrapper leaves nothing listening: it stops the connection before security starts. */
const REACH = [
  'port-closed',
  'port-filtered',
  'host-unreachable',
  'some-addresses-blocked',
  'outbound-blocked',
  'firewall-blocks-rdp',
  'rdp-disabled',
  'rdp-services-stopped',
  'rdp-listener-problem',
  'termservice-dll-replaced',
  'vpn-drops-udp',
];
const SECURITY = [
  'certificate-unusable',
  'rdp-key-unreadable',
  'tls-disabled',
  'tls-refused',
  'tls-reset',
  'security-settings-conflict',
  'credssp-outdated',
  'fips-required',
];
const CERTIFICATE = [
  'certificate-unusable',
  'rdp-key-unreadable',
  'pinned-certificate-changed',
  'certificate-not-yet-valid',
  'certificate-name-mismatch',
];
const CREDSSP = ['credssp-outdated', 'credssp-policy-blocks'];
const LICENSE = ['license-cache-damaged'];
const ITSELF = ['connecting-to-itself'];
export const NONE: readonly string[] = [];
/**
 * The server checked the account: the connection got through the network and security setup, so
 * nothing that stops it earlier (name, reach, security) can have caused the error.
 */
const SIGN_IN = ['stale-saved-credentials'];
export const FAMILIES = [NAME, REACH, SECURITY, SIGN_IN];

/** Said only while no extended code is given: with one, its own sentence says why (reported-error-codes.ts). */
export const EXTENDED_HINT = '; the extended code, when the message shows one, says why';

const OUT_OF_MEMORY = 'this computer ran out of memory while connecting; close some programs and try again.';

/** IMsTscAxEvents::OnDisconnected, every code the page lists. */
export const REASONS: Record<number, CodeMeaning> = {
  0: { name: 'disconnectReasonNoInfo', meaning: 'No information is available.', plain: 'Remote Desktop gave no reason.', causes: NONE },
  1: {
    name: 'disconnectReasonLocalNotError',
    meaning: 'Local disconnection. This is not an error code.',
    plain: 'you ended the connection on this computer; this is not an error.',
    causes: NONE,
  },
  2: {
    name: 'disconnectReasonRemoteByUser',
    meaning: 'Remote disconnection by user. This is not an error code.',
    plain: 'someone on the other computer ended the connection; this is not an error.',
    causes: NONE,
  },
  3: {
    name: 'disconnectReasonByServer',
    meaning: 'Remote disconnection by server. This is not an error code.',
    plain: `the server ended the connection on purpose${EXTENDED_HINT}.`,
    causes: NONE,
  },
  260: {
    name: 'disconnectReasonDNSLookupFailed',
    meaning: 'DNS name lookup failure.',
    plain: 'the computer name could not be turned into an address.',
    causes: NAME,
  },
  262: { name: 'disconnectReasonOutOfMemory', meaning: 'Out of memory.', plain: OUT_OF_MEMORY, causes: NONE },
  264: {
    name: 'disconnectReasonConnectionTimedOut',
    meaning: 'Connection timed out.',
    plain: 'nothing answered in time: the server is off or unreachable, or something drops the connection on the way.',
    causes: REACH,
  },
  516: {
    name: 'disconnectReasonSocketConnectFailed',
    meaning: 'Windows Sockets connect failed.',
    plain:
      'this computer could not open a connection to the server at all: it is off, unreachable, or something blocks the Remote Desktop port.',
    causes: REACH,
  },
  518: { name: 'disconnectReasonOutOfMemory2', meaning: 'Out of memory.', plain: OUT_OF_MEMORY, causes: NONE },
  520: {
    name: 'disconnectReasonHostNotFound',
    meaning: 'Host not found error.',
    plain: 'the computer was not found on the network.',
    causes: NAME,
  },
  772: {
    name: 'disconnectReasonWinsockSendFailed',
    meaning: 'Windows Sockets send call failed.',
    plain: 'sending data to the server failed: the network dropped the connection.',
    causes: REACH,
  },
  774: { name: 'disconnectReasonOutOfMemory3', meaning: 'Out of memory.', plain: OUT_OF_MEMORY, causes: NONE },
  776: {
    name: 'disconnectReasonInvalidIPAddr',
    meaning: 'The IP address specified is not valid.',
    plain: 'the address typed is not a valid address.',
    causes: NAME,
  },
  1028: {
    name: 'disconnectReasonSocketRecvFailed',
    meaning: 'Windows Sockets recv call failed.',
    plain: 'receiving data from the server failed: the connection was cut on the way or by the server.',
    causes: [...REACH, ...SECURITY],
  },
  1030: {
    name: 'disconnectReasonInvalidSecurityData',
    meaning: 'Security data is not valid.',
    plain: 'the server sent security data this computer could not use.',
    causes: SECURITY,
  },
  1032: {
    name: 'disconnectReasonInternalError',
    meaning: 'Internal error.',
    plain: 'Remote Desktop hit an internal error.',
    causes: SECURITY,
  },
  1286: {
    name: 'disconnectReasonInvalidEncryption',
    meaning: 'The encryption method specified is not valid.',
    plain: 'the two computers could not agree on how to encrypt the connection.',
    causes: SECURITY,
  },
  1288: {
    name: 'disconnectReasonDNSLookupFailed2',
    meaning: 'DNS lookup failed.',
    plain: 'the computer name could not be looked up.',
    causes: NAME,
  },
  1540: {
    name: 'disconnectReasonGetHostByNameFailed',
    meaning: 'Windows Sockets gethostbyname call failed.',
    plain: 'the computer name could not be turned into an address.',
    causes: NAME,
  },
  1542: {
    name: 'disconnectReasonInvalidServerSecurityInfo',
    meaning: 'Server security data is not valid.',
    plain: "the server's security data could not be used.",
    causes: SECURITY,
  },
  1544: {
    name: 'disconnectReasonTimerError',
    meaning: 'Internal timer error.',
    plain: 'Remote Desktop hit an internal timer error.',
    causes: NONE,
  },
  1796: {
    name: 'disconnectReasonTimeoutOccurred',
    meaning: 'Time-out occurred.',
    plain: 'the server stopped answering in time.',
    causes: REACH,
  },
  1798: {
    name: 'disconnectReasonServerCertificateUnpackErr',
    meaning: 'Failed to unpack server certificate.',
    plain: "the server's certificate could not be read.",
    causes: CERTIFICATE,
  },
  2052: {
    name: 'disconnectReasonInvalidIP',
    meaning: 'Bad IP address specified.',
    plain: 'the address typed is not a valid address.',
    causes: NAME,
  },
  2055: {
    name: 'SSL_ERR_LOGON_FAILURE',
    meaning: 'Login failed.',
    plain: 'the sign-in failed: the user name or password was not accepted.',
    causes: NONE,
  },
  2056: {
    name: 'disconnectReasonLicensingFailed',
    meaning: 'License negotiation failed.',
    plain: 'the server and this computer could not agree on a Remote Desktop license.',
    causes: LICENSE,
  },
  2308: {
    name: 'disconnectReasonAtClientWinsockFDCLOSE',
    meaning: 'Socket closed.',
    plain: 'the server closed the connection while the two computers were setting up security.',
    causes: SECURITY,
  },
  2310: {
    name: 'disconnectReasonInternalSecurityError',
    meaning: 'Internal security error.',
    plain: 'setting up security for the connection failed.',
    causes: SECURITY,
  },
  2312: {
    name: 'disconnectReasonLicensingTimeout',
    meaning: 'Licensing time-out.',
    plain: 'getting a Remote Desktop license from the server took too long.',
    causes: LICENSE,
  },
  2566: {
    name: 'disconnectReasonInternalSecurityError2',
    meaning: 'Internal security error.',
    plain: 'setting up security for the connection failed.',
    causes: SECURITY,
  },
  2567: {
    name: 'SSL_ERR_NO_SUCH_USER',
    meaning: 'The specified user has no account.',
    plain: 'the server has no account with that user name.',
    causes: NONE,
  },
  2822: {
    name: 'disconnectReasonEncryptionError',
    meaning: 'Encryption error.',
    plain: 'encrypting the connection failed.',
    causes: SECURITY,
  },
  2823: {
    name: 'SSL_ERR_ACCOUNT_DISABLED',
    meaning: 'The account is disabled.',
    plain: 'the account you signed in with is disabled.',
    causes: NONE,
  },
  3078: {
    name: 'disconnectReasonDecryptionError',
    meaning: 'Decryption error.',
    plain: 'decrypting what the server sent failed.',
    causes: SECURITY,
  },
  3079: {
    name: 'SSL_ERR_ACCOUNT_RESTRICTION',
    meaning: 'The account is restricted.',
    plain: 'the account is not allowed to sign in this way or at this time.',
    causes: NONE,
  },
  3080: {
    name: 'disconnectReasonClientDecompressionError',
    meaning: 'Decompression error.',
    plain: 'this computer could not unpack what the server sent.',
    causes: NONE,
  },
  3335: {
    name: 'SSL_ERR_ACCOUNT_LOCKED_OUT',
    meaning: 'The account is locked out.',
    plain: 'the account is locked out after too many wrong passwords.',
    causes: NONE,
  },
  3591: { name: 'SSL_ERR_ACCOUNT_EXPIRED', meaning: 'The account is expired.', plain: 'the account has expired.', causes: NONE },
  3847: { name: 'SSL_ERR_PASSWORD_EXPIRED', meaning: 'The password is expired.', plain: 'the password has expired.', causes: NONE },
  4615: {
    name: 'SSL_ERR_PASSWORD_MUST_CHANGE',
    meaning: 'The user password must be changed before logging on for the first time.',
    plain: 'the password must be changed before the first sign-in.',
    causes: NONE,
  },
  5639: {
    name: 'SSL_ERR_DELEGATION_POLICY',
    meaning: 'The policy does not support delegation of credentials to the target server.',
    plain: 'a policy on this computer does not allow sending your sign-in to that server.',
    causes: NONE,
  },
  5895: {
    name: 'SSL_ERR_POLICY_NTLM_ONLY',
    meaning: 'Delegation of credentials to the target server is not allowed unless mutual authentication has been achieved.',
    plain: 'your sign-in may only be sent to a server that proved who it is, and this one could not.',
    causes: NONE,
  },
  6151: {
    name: 'SSL_ERR_NO_AUTHENTICATING_AUTHORITY',
    meaning:
      'No authority could be contacted for authentication. The domain name of the authenticating party could be wrong, the domain could be unreachable, or there might have been a trust relationship failure.',
    plain: 'no domain controller could be reached to check the sign-in.',
    causes: NONE,
  },
  6919: {
    name: 'SSL_ERR_CERT_EXPIRED',
    meaning: 'The received certificate is expired.',
    plain: "the server's certificate has expired.",
    causes: CERTIFICATE,
  },
  7175: {
    name: 'SSL_ERR_SMARTCARD_WRONG_PIN',
    meaning: 'An incorrect PIN was presented to the smart card.',
    plain: "the smart card's code was wrong.",
    causes: NONE,
  },
  8455: {
    name: 'SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER',
    meaning:
      'The server authentication policy does not allow connection requests using saved credentials. The user must enter new credentials.',
    plain: 'the server does not accept saved passwords: type the password again.',
    causes: ['stale-saved-credentials'],
  },
  8711: {
    name: 'SSL_ERR_SMARTCARD_CARD_BLOCKED',
    meaning: 'The smart card is blocked.',
    plain: 'the smart card is blocked.',
    causes: NONE,
  },
};

const LICENSING_PLAIN = "the server's Remote Desktop licensing refused the connection.";

/** ExtendedDisconnectReasonCode, and MS-RDPBCGR 2.2.5.1.1 for the codes people meet in its protocol range. */
export const EXTENDED: Record<number, CodeMeaning> = {
  0: { name: 'exDiscReasonNoInfo', meaning: 'No additional information is available.', plain: 'no further detail.', causes: NONE },
  1: {
    name: 'exDiscReasonAPIInitiatedDisconnect',
    meaning: 'An application initiated the disconnection.',
    plain: 'a program ended the session.',
    causes: NONE,
  },
  2: {
    name: 'exDiscReasonAPIInitiatedLogoff',
    meaning: 'An application logged off the client.',
    plain: 'a program signed the session out.',
    causes: NONE,
  },
  3: {
    name: 'exDiscReasonServerIdleTimeout',
    meaning:
      'The server has disconnected the client because the client has been idle for a period of time longer than the designated time-out period.',
    plain: 'the server ended a session that had been idle longer than its time limit allows.',
    causes: NONE,
  },
  4: {
    name: 'exDiscReasonServerLogonTimeout',
    meaning: 'The server has disconnected the client because the client has exceeded the period designated for connection.',
    plain: 'the server ended the session because it ran longer than its time limit allows.',
    causes: NONE,
  },
  5: {
    name: 'exDiscReasonReplacedByOtherConnection',
    meaning: "The client's connection was replaced by another connection.",
    plain: 'someone else connected to the same session and took it over.',
    causes: NONE,
  },
  6: { name: 'exDiscReasonOutOfMemory', meaning: 'No memory is available.', plain: 'the server ran out of memory.', causes: NONE },
  7: {
    name: 'exDiscReasonServerDeniedConnection',
    meaning: 'The server denied the connection.',
    plain: 'the server refused the connection.',
    causes: SECURITY,
  },
  8: {
    name: 'exDiscReasonServerDeniedConnectionFips',
    meaning: 'The server denied the connection for security reasons.',
    plain: 'the server refused the connection for security reasons.',
    causes: SECURITY,
  },
  9: {
    name: 'exDiscReasonServerInsufficientPrivileges',
    meaning: 'The server denied the connection for security reasons.',
    plain: 'the account is not allowed to connect to that server.',
    causes: NONE,
  },
  10: {
    name: 'exDiscReasonServerFreshCredsRequired',
    meaning: 'Fresh credentials are required.',
    plain: 'the server wants the password typed again, not a saved one.',
    causes: ['stale-saved-credentials'],
  },
  11: {
    name: 'exDiscReasonRpcInitiatedDisconnectByUser',
    meaning: 'User activity has initiated the disconnect.',
    plain: 'the session was disconnected from the server side by a person.',
    causes: NONE,
  },
  12: {
    name: 'exDiscReasonLogoffByUser',
    meaning: 'The user logged off, disconnecting the session.',
    plain: 'you signed out.',
    causes: NONE,
  },
  256: { name: 'exDiscReasonLicenseInternal', meaning: 'Internal licensing error.', plain: LICENSING_PLAIN, causes: LICENSE },
  257: {
    name: 'exDiscReasonLicenseNoLicenseServer',
    meaning: 'No license server was available.',
    plain: 'the server could not reach a Remote Desktop license server.',
    causes: NONE,
  },
  258: {
    name: 'exDiscReasonLicenseNoLicense',
    meaning: 'No valid software license was available.',
    plain: 'the server has no Remote Desktop license left to give.',
    causes: NONE,
  },
  259: {
    name: 'exDiscReasonLicenseErrClientMsg',
    meaning: 'The remote computer received a licensing message that was not valid.',
    plain: LICENSING_PLAIN,
    causes: LICENSE,
  },
  260: {
    name: 'exDiscReasonLicenseHwidDoesntMatchLicense',
    meaning: 'The hardware ID does not match the one designated on the software license.',
    plain: 'the Remote Desktop license stored on this computer does not match it.',
    causes: LICENSE,
  },
  261: {
    name: 'exDiscReasonLicenseErrClientLicense',
    meaning: 'Client license error.',
    plain: 'the Remote Desktop license stored on this computer is damaged.',
    causes: LICENSE,
  },
  262: {
    name: 'exDiscReasonLicenseCantFinishProtocol',
    meaning: 'Network problems occurred during the licensing protocol.',
    plain: 'the network failed while the server handed out a license.',
    causes: NONE,
  },
  263: {
    name: 'exDiscReasonLicenseClientEndedProtocol',
    meaning: 'The client ended the licensing protocol prematurely.',
    plain: LICENSING_PLAIN,
    causes: LICENSE,
  },
  264: {
    name: 'exDiscReasonLicenseErrClientEncryption',
    meaning: 'A licensing message was encrypted incorrectly.',
    plain: LICENSING_PLAIN,
    causes: LICENSE,
  },
  265: {
    name: 'exDiscReasonLicenseCantUpgradeLicense',
    meaning: "The local computer's client access license could not be upgraded or renewed.",
    plain: 'the Remote Desktop license stored on this computer could not be renewed.',
    causes: LICENSE,
  },
  266: {
    name: 'exDiscReasonLicenseNoRemoteConnections',
    meaning: 'The remote computer is not licensed to accept remote connections.',
    plain: 'the server is not licensed to accept Remote Desktop connections.',
    causes: NONE,
  },
  267: {
    name: 'exDiscReasonLicenseCreatingLicStoreAccDenied',
    meaning: 'An access denied error was received while creating a registry key for the license store.',
    plain: 'this computer could not store its Remote Desktop license.',
    causes: LICENSE,
  },
  768: {
    name: 'exDiscReasonRdpEncInvalidCredentials',
    meaning: 'Invalid credentials were encountered.',
    plain: 'the sign-in was not accepted.',
    causes: NONE,
  },
  // MS-RDPBCGR 2.2.5.1.1: ERRINFO_GRAPHICS_SUBSYSTEM_FAILED.
  4399: {
    name: 'ERRINFO_GRAPHICS_SUBSYSTEM_FAILED',
    meaning: 'The graphics subsystem failed (MS-RDPBCGR 2.2.5.1.1).',
    plain: "the server's display part of Remote Desktop failed while the session started.",
    causes: NONE,
  },
};

/** Codes outside both lists that people meet often. */
export const OTHER: Record<number, CodeMeaning> = {
  // Not in OnDisconnected's list. Remote Desktop ends with it when the computer it reached is
  // itself (its own console); client-trap-rules.ts reads it from this computer's log.
  1800: {
    name: null,
    meaning: "Not in Microsoft's list of disconnect reasons; Remote Desktop logs it when the connection reached this same computer.",
    plain: 'the connection reached this same computer instead of the one you meant.',
    causes: ITSELF,
  },
  // Not in OnDisconnected's list either: no meaning is claimed; the certificate checks run.
  2311: {
    name: null,
    meaning: "Not in Microsoft's list of disconnect reasons. Remote Desktop shows it with server certificate errors.",
    plain:
      "Microsoft does not document this code; people meet it when Remote Desktop does not accept the server's certificate, so that is checked.",
    causes: CERTIFICATE,
  },
  // IMsTscAxEvents::OnLogonError's STATUS_ACCOUNT_RESTRICTION, as people copy it from logs.
  0xc000006e: {
    name: 'STATUS_ACCOUNT_RESTRICTION',
    meaning:
      'The user name and authentication information are valid, but some user account restriction has prevented successful authentication, such as time-of-day restrictions.',
    plain:
      'the server checked the account and refused it: a saved sign-in this computer sends without asking, or a rule on the server for that account (blank password, sign-in hours).',
    causes: SIGN_IN,
  },
  0x80080005: {
    name: 'CO_E_SERVER_EXEC_FAILURE',
    meaning: 'Server execution failed (a COM error of this computer, shown by the Windows App).',
    plain: 'the Windows App could not start one of its own parts on this computer; this is not about the server or the network.',
    causes: NONE,
  },
};

export const MESSAGES: Record<ReportedMessage, CodeMeaning & { learnMore: string }> = {
  'credssp-encryption-oracle': {
    name: 'CredSSP encryption oracle remediation',
    meaning:
      'An authentication error has occurred. The function requested is not supported. This could be due to CredSSP encryption oracle remediation (CVE-2018-0886, KB4093492).',
    plain: 'one of the two computers has the 2018 CredSSP security update and the other does not, or a policy refuses the older one.',
    causes: CREDSSP,
    learnMore: learnMore.credSsp,
  },
  'internal-error': {
    name: 'An internal error has occurred',
    meaning: 'Remote Desktop\'s "An internal error has occurred" dialog.',
    plain:
      "the connection failed while the two computers set up security: usually the server's certificate, its security settings, or this computer's stored license.",
    causes: [...SECURITY, ...LICENSE],
    learnMore: learnMore.internalError,
  },
  'no-client-access-license': {
    name: 'No Remote Desktop client access licenses',
    meaning: 'The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer.',
    plain:
      "the server would not accept this computer's Remote Desktop license: the license stored on this computer is bad, or the server has none left to give.",
    causes: LICENSE,
    learnMore: learnMore.noLicense,
  },
  'account-restriction': {
    name: 'Account restrictions',
    meaning:
      'Account restrictions are preventing this user from signing in (STATUS_ACCOUNT_RESTRICTION, 0xC000006E, IMsTscAxEvents::OnLogonError): for example a blank password, limited sign-in hours, or a policy restriction.',
    plain:
      'the server checked the account and refused it: a saved sign-in this computer sends without asking (an old or blank password, or the wrong user), or a rule on the server for that account (blank password, sign-in hours).',
    causes: SIGN_IN,
    learnMore: learnMore.logonError,
  },
  // Microsoft's causes for both dialogs: the server cannot reach its domain controller (secure
  // channel, machine password), TLS versions turned off, FIPS only, domain credentials turned off
  // (Lsa disabledomaincreds). Only the TLS and FIPS ones are checks of RDP Doctor.
  'lsa-cannot-be-contacted': {
    name: 'The Local Security Authority cannot be contacted',
    meaning:
      'An authentication error has occurred. The Local Security Authority cannot be contacted (or: NLA is required, but the Windows domain controller cannot be contacted).',
    plain:
      "the server could not check the account before the session: it cannot reach its domain controller, or its settings turned off what that check needs (a TLS version, or everything but FIPS). Signing in with one of the server's own local accounts still works in the first case.",
    causes: ['tls-disabled', 'fips-required'],
    learnMore: learnMore.authenticationError,
  },
};
