import type { RealCase } from '../real-case';
import { AT, FULL_CONTROL, certificateExpired, logged, rdpKeyFileAcl, triedToConnect } from './windows';

const EVENT_ID_ARTICLE = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/event-id-troubleshoot-vm-rdp-connecton',
  title: 'Troubleshoot Azure VM RDP connection issues by Event ID',
  date: '2018-11-01',
};

/** The Remote Desktop certificate and its private key: unusable, unreadable, missing. */
export const certificateAndKeyCases: RealCase[] = [
  {
    id: 'azure-1058-access-denied-key-permissions',
    source: EVENT_ID_ARTICLE,
    situation:
      'An Azure VM refuses RDP right after the credentials. Its System log has 1058 "failed to replace the expired self signed ' +
      'certificate ... Access is denied" and Schannel 36870 (0x8009030D, state 10001). Cause: the permissions on the RSA key ' +
      'files in MachineKeys; resetting them (NETWORK SERVICE read) and renewing the certificate fixed it.',
    server: (s) => {
      certificateExpired(s, '2026-11-14');
      // NETWORK SERVICE (S-1-5-20), which TermService runs as, is not on the key file any more.
      rdpKeyFileAcl(s, 'S-1-5-32-544', [
        ['S-1-5-32-544', FULL_CONTROL],
        ['S-1-5-18', FULL_CONTROL],
      ]);
      logged(
        s,
        ['rcm', 1058, AT('08:40'), '0x80070005'],
        ['schannel', 36870, AT('08:40'), '0x8009030D', '10001'],
        ['schannel', 36870, AT('08:41'), '0x8009030D', '10001'],
      );
    },
    client: (pc) => triedToConnect(pc),
    networkType: 'azure',
    reportedError: '0x904',
    expected: { firstFinding: 'rdp-key-unreadable', fix: 'repair-rdp-key-permissions' },
  },
  {
    id: 'azure-1057-keyset-does-not-exist',
    source: EVENT_ID_ARTICLE,
    situation:
      'An Azure VM refuses RDP. RemoteConnectionManager logged 1057 "failed to create a new self signed certificate ... Keyset does ' +
      'not exist": the certificate in the Remote Desktop store names a key file that is gone from MachineKeys (corrupted or missing ' +
      'RSA key). Deleting the certificate so Windows makes a new one fixed it.',
    server: (s) => {
      // The certificate still says it has a private key; its key file is no longer in MachineKeys.
      s.machineKeys = [];
      logged(s, ['rcm', 1057, AT('08:40'), '0x80090016'], ['schannel', 36870, AT('08:40'), '0x8009030D', '10001']);
    },
    client: (pc) => triedToConnect(pc),
    networkType: 'azure',
    reportedError: '0x904',
    expected: { firstFinding: 'certificate-unusable', fix: 'regenerate-rdp-certificate' },
  },
  {
    id: 'azure-listener-thumbprint-points-nowhere',
    source: EVENT_ID_ARTICLE,
    situation:
      'A VM set up with its own TLS certificate for RDP stops accepting connections: SSLCertificateSHA1Hash of RDP-Tcp no longer ' +
      "matches the installed certificate's thumbprint (the certificate was replaced). Setting the thumbprint to the installed " +
      'certificate (or deleting the value) fixed it.',
    server: (s) => {
      const installed = {
        thumbprint: '7D1E5C0B9A8F6E4D3C2B1A0F9E8D7C6B5A493827',
        subject: 'CN=srv-app01.corp.example',
        notBefore: '2026-03-01T00:00:00.000Z',
        notAfter: '2027-03-01T00:00:00.000Z',
        hasPrivateKey: true,
        keyFile: 'C:\\ProgramData\\Microsoft\\Crypto\\Keys\\3c1f2a9e0b7d_5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d',
      };
      s.certificates.my = [installed];
      s.certificates.hashType = 3;
      // The listener still names the certificate this one replaced.
      s.certificates.listenerThumbprint = '0F1E2D3C4B5A69788796A5B4C3D2E1F001122334';
    },
    client: (pc) => triedToConnect(pc),
    networkType: 'azure',
    reportedError: '0x904',
    expected: { firstFinding: 'certificate-unusable' },
  },
  {
    id: 'wiki-expired-certificate-and-locked-key',
    source: {
      url: 'https://github.com/Ashdf1992/wiki/blob/main/assets/pages/Windows/rdp-connection-failures-expired-ssl.md',
      title: 'RDP Connection Failures: Expired Self-Signed Certificate',
      date: '2023-10-03',
    },
    situation:
      'RDP stops working with no apparent cause; every attempt logs Schannel 36870. Two causes at once: the self-signed ' +
      'certificate expired, and the permissions on the f686aace... key file kept Windows from deleting the old key, so it could not ' +
      'make a new certificate. Deleting the certificate and the key file (after taking ownership) fixed it.',
    server: (s) => {
      certificateExpired(s, '2026-11-02');
      rdpKeyFileAcl(s, 'S-1-5-18', [['S-1-5-18', FULL_CONTROL]]);
      logged(s, ['schannel', 36870, AT('08:40'), '0x8009030D', '10001'], ['schannel', 36870, AT('08:41'), '0x8009030D', '10001']);
    },
    client: (pc) => triedToConnect(pc),
    reportedError: '0x904',
    expected: { causes: ['certificate-unusable', 'rdp-key-unreadable'], fix: 'regenerate-rdp-certificate' },
  },
  {
    id: 'german-server-key-acl-names-fail',
    source: {
      url: 'https://github.com/MicrosoftDocs/azure-docs.de-de/issues/715',
      title: 'Step 2.3 Reset Permissions on MachineKeys fails on all Operatingsystems other than Englisch OS',
      date: '2020-09-24',
    },
    situation:
      'A German Windows Server VM gives "Interner Fehler" on RDP; the MachineKeys key lost its NETZWERKDIENST (NETWORK SERVICE) ' +
      'entry. The article\'s icacls commands name "NT AUTHORITY\\NETWORK SERVICE", which German Windows does not know, so the reset ' +
      'fails; granting by SID (*S-1-5-20) fixed it.',
    server: (s) => {
      rdpKeyFileAcl(s, 'S-1-5-32-544', [
        ['S-1-5-32-544', FULL_CONTROL],
        ['S-1-5-18', FULL_CONTROL],
      ]);
      // German Windows names its firewall rules in German (the group is the same resource, @FirewallAPI.dll,-28752).
      s.firewall.rules = s.firewall.rules.map((r) => ({
        ...r,
        displayName:
          r.protocol === 'TCP' ? 'Remotedesktop - Benutzermodus (TCP eingehend)' : 'Remotedesktop - Benutzermodus (UDP eingehend)',
      }));
      s.client.windowsVersion = { ...s.client.windowsVersion, productName: 'Windows Server 2022 Datacenter' };
    },
    networkType: 'azure',
    expected: { firstFinding: 'rdp-key-unreadable', fix: 'repair-rdp-key-permissions' },
  },
  {
    id: 'internal-error-certificate-not-recreated-keyiso-off',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine',
      title: '"An internal error has occurred" when connecting to a remote machine',
      date: '2024-03-01',
    },
    situation:
      'Direct RDP fails with "An internal error has occurred". After the Remote Desktop certificate was deleted, Windows did not ' +
      'make a new one: the CNG Key Isolation service (KeyIso), which certificate creation needs, was not running. Starting the ' +
      'services (CertPropSvc, KeyIso, CryptSvc, SessionEnv) let Windows re-create the certificate.',
    server: (s) => {
      s.certificates.remoteDesktop = [];
      s.machineKeys = [];
      s.services.KeyIso = { ...s.services.KeyIso, status: 'Stopped', startType: 'Disabled', pid: null };
    },
    expected: { firstFinding: 'rdp-services-stopped', fix: 'start-rdp-services' },
  },
  {
    id: 'internal-error-key-file-acl',
    source: {
      url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine',
      title: '"An internal error has occurred" when connecting to a remote machine',
      date: '2024-03-01',
    },
    situation:
      'Direct RDP fails with "An internal error has occurred". The RDP machine key (f686aace...) has only SYSTEM on it; NETWORK ' +
      'SERVICE may not read it. Taking ownership, setting Network service: Read and System: Full control, and restarting Remote ' +
      'Desktop Services fixed it.',
    server: (s) => {
      rdpKeyFileAcl(s, 'S-1-5-18', [['S-1-5-18', FULL_CONTROL]]);
    },
    expected: { firstFinding: 'rdp-key-unreadable', fix: 'repair-rdp-key-permissions' },
  },
];
