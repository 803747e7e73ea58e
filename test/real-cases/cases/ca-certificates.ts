import type { RealCase } from '../real-case';
import { corpCertificate, usesCorpCertificate } from '../../../shared/checks/server-certificate/scenarios';
import { AT, triedToConnect } from './windows';

/** Certificates issued by a CA or bound by policy (issue 24 §1): their key, their renewal. */
export const caCertificateCases: RealCase[] = [
  {
    id: 'acme-certificate-key-without-network-service',
    source: {
      url: 'https://github.com/rmbolger/Posh-ACME.Deploy/issues/12',
      title: 'RDS Certificate needs NETWORK SERVICE permissions',
      date: '2021-08-27',
    },
    situation:
      "An RDS farm uses a certificate from a public CA (ACME), installed in the computer's Personal store and set as the " +
      "listener's certificate. Connections failed; after a long diagnosis the cause was that NETWORK SERVICE could not read the " +
      "certificate's private key in MachineKeys. Granting it Read on that key (not on the whole folder) fixed it.",
    server: (s) => {
      const acme = corpCertificate('0C0A00000000000000000000000000000000A0F6', {
        notBefore: '2026-09-01T00:00:00.000Z',
        notAfter: '2026-11-30T00:00:00.000Z',
        usages: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
        keyFile: '9e4b2c7a1f0d3e5b8c6a4f2e0d1c3b5a',
        networkServiceReads: false,
      });
      // Imported from a PFX: a CSP key, so its file is in MachineKeys.
      acme.keyStorage = {
        ...acme.keyStorage!,
        provider: 'Microsoft Enhanced RSA and AES Cryptographic Provider',
        container: 'le-posh-acme-rds',
      };
      usesCorpCertificate(s, acme, 3);
    },
    client: (pc) => triedToConnect(pc),
    reportedError: '0x904',
    expected: { firstFinding: 'rdp-key-unreadable', fix: 'repair-rdp-key-permissions' },
  },
  {
    id: 'template-certificate-expired-cannot-be-replaced',
    source: {
      url: 'https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/ee890993(v=ws.10)',
      title: 'Remote Desktop Services Authentication and Encryption',
      date: '2010-01-08',
    },
    situation:
      'A Remote Desktop server gets its certificate from a template named in group policy. The certificate expired and the server ' +
      'logged 1065 "The template-based certificate ... has expired and cannot be replaced"; the resolution is to renew the ' +
      'certificate (from the CA, with the template) and let the server use it: nothing local replaces it while the policy applies.',
    server: (s) => {
      usesCorpCertificate(
        s,
        corpCertificate('0C0A00000000000000000000000000000000A0F7', {
          notBefore: '2025-11-01T00:00:00.000Z',
          notAfter: '2026-11-15T00:00:00.000Z',
          keyFile: '3f5e7d9b1a2c4e6f8091a2b3c4d5e6f7',
        }),
        2,
      );
      s.certificateEvents = [
        {
          log: 'System',
          provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
          id: 1065,
          time: AT('06:00'),
          message:
            'The template-based certificate that is being used by the terminal server for Transport Layer Security (TLS) 1.0\\Secure Sockets Layer (SSL) authentication and encryption has expired and cannot be replaced by the terminal server. The following error occurred: 0x80094012.',
        },
      ];
    },
    client: (pc) => triedToConnect(pc),
    reportedError: '0x904',
    expected: { firstFinding: 'certificate-unusable' },
  },
];
