import type { RealCase } from '../real-case';
import { AT, logged, release, runs, triedToConnect, updates } from './windows';

const AUTH_ERRORS_ARTICLE = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/cannot-connect-rdp-azure-vm',
  title: 'Troubleshoot authentication errors when you use RDP to connect to Azure VM',
  date: '2023-06-09',
};
const INTERNAL_ERROR_ARTICLE = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine',
  title: '"An internal error has occurred" when connecting to a remote machine',
  date: '2024-03-01',
};

/** TLS versions, FIPS and the security negotiation on the server. */
export const tlsAndSecurityCases: RealCase[] = [
  {
    id: 'azure-36871-tls10-disabled',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton',
      title: 'Troubleshoot Azure VM RDP connection issues by Event ID',
      date: '2018-11-01',
    },
    situation:
      'An Azure VM refuses RDP; its System log has Schannel 36871 "A fatal error occurred while creating a TLS server credential. ' +
      'The internal error state is 10013." Cause: a security policy disabled the older TLS versions (TLS 1.0) on the server; ' +
      'enabling the TLS versions under SCHANNEL\\Protocols\\TLS 1.x\\Server fixed it.',
    server: (s) => {
      s.registry.schannel = { 'TLS 1.0': { enabled: 0, disabledByDefault: 1 } };
      logged(s, ['schannel', 36871, AT('08:40'), '10013'], ['schannel', 36871, AT('08:41'), '10013']);
    },
    client: (pc) => triedToConnect(pc),
    networkType: 'azure',
    reportedError: '0x904',
    expected: { firstFinding: 'tls-disabled' },
  },
  {
    id: 'azure-tls-versions-off-by-domain-policy',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/troubleshoot-rdp-internal-error',
      title: 'An internal error occurs when you try to connect to an Azure VM through Remote Desktop',
      date: '2020-02-23',
    },
    situation:
      'A domain-joined Azure VM gives "An internal error has occurred": TLS 1.0, 1.1 and 1.2 are all off for the server in ' +
      'SCHANNEL, set by an Active Directory policy (the change comes back after gpupdate). Enabling the TLS versions, and then ' +
      'changing the domain policy, fixed it.',
    server: (s) => {
      s.registry.schannel = {
        'TLS 1.0': { enabled: 0, disabledByDefault: 1 },
        'TLS 1.1': { enabled: 0, disabledByDefault: 1 },
        'TLS 1.2': { enabled: 0, disabledByDefault: 1 },
      };
      s.client.domain = 'corp.example';
      logged(s, ['schannel', 36871, AT('08:40'), '10013']);
    },
    networkType: 'domain',
    expected: { firstFinding: 'tls-disabled', fix: 'enable-tls12-server' },
  },
  {
    id: 'server-2008r2-tls10-off-without-kb3080079',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/incorrect-tls-use-rdp-with-ssl-encryption',
      title: 'Incorrect TLS is displayed when you use RDP with SSL encryption (KB 3097192)',
      date: '2020-09-08',
    },
    situation:
      'A Windows Server 2008 R2 Session Host is secured with SSL (TLS) and TLS 1.0 is turned off for PCI DSS, with TLS 1.1/1.2 ' +
      'enabled in SCHANNEL. Remote Desktop on 2008 R2 can use TLS 1.1/1.2 only with the required hotfix KB3080079, which is not ' +
      'installed, so no TLS version is left for RDP; installing KB3080079 is the resolution the article names.',
    server: (s) => {
      // Not in the report: the server carries the 2016 convenience rollup and the May 2018 rollup
      // (CredSSP fixed, tspkg.dll 6.1.7601.24117), as a PCI-scanned server would; KB3080079 is not there.
      runs(s, release.server2008r2, '6.1.7601.24117');
      updates(s, ['KB4103718', '2018-05-08'], ['KB3125574', '2016-05-17']);
      s.registry.rdpTcp.securityLayer = 2;
      s.registry.schannel = {
        'TLS 1.0': { enabled: 0, disabledByDefault: 1 },
        'TLS 1.1': { enabled: 1, disabledByDefault: 0 },
        'TLS 1.2': { enabled: 1, disabledByDefault: 0 },
      };
    },
    client: (pc) => triedToConnect(pc),
    reportedError: '0x904',
    expected: { firstFinding: 'tls-disabled' },
  },
  {
    id: 'azure-fips-by-domain-policy',
    source: AUTH_ERRORS_ARTICLE,
    situation:
      'An Azure VM accepts only FIPS-compliant algorithm connections, set by Active Directory policy ' +
      '(Lsa\\FIPSAlgorithmPolicy Enabled = 1, MinEncryptionLevel 4). RDP fails with "This computer can\'t connect to the remote ' +
      'computer"; setting FIPSAlgorithmPolicy back to 0 and MinEncryptionLevel to 2 fixed it.',
    server: (s) => {
      s.registry.fipsEnabled = 1;
      s.registry.rdpTcp.minEncryptionLevel = 4;
      s.client.domain = 'corp.example';
    },
    client: (pc) => triedToConnect(pc),
    networkType: 'azure',
    reportedError: '0x904',
    expected: { firstFinding: 'fips-required' },
  },
  {
    id: 'internal-error-negotiation-off',
    source: INTERNAL_ERROR_ARTICLE,
    situation:
      'Direct RDP fails with "An internal error has occurred"; setting SecurityLayer and UserAuthentication to 0 makes it work, ' +
      'so the security protocol negotiation is the problem: fAllowSecProtocolNegotiation under RDP-Tcp is 0. Setting it back ' +
      'to 1 is the fix the article gives.',
    server: (s) => {
      s.registry.rdpTcp.fAllowSecProtocolNegotiation = 0;
    },
    expected: { firstFinding: 'security-negotiation-off' },
  },
  {
    id: 'internal-error-cipher-suite-order-policy',
    source: INTERNAL_ERROR_ARTICLE,
    situation:
      'Direct RDP fails with "An internal error has occurred" during the security negotiation: a group policy "SSL Cipher Suite ' +
      'Order" leaves the server no cipher suite the client offers. Setting the policy to Not configured and deleting ' +
      'Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002 Functions fixed it.',
    server: (s) => {
      s.client.domain = 'corp.example';
    },
    networkType: 'domain',
    expected: { cannotCheck: 'the cipher suites a group policy allows on the server (SSL Cipher Suite Order)' },
  },
];
