import type { Ace } from '../server-key-permissions/catalog';
import type { MachineState } from '../../simulated/machine-state';
import type { SimCertificate } from '../../simulated/server-state';
import { plant, type Scenario } from '../../simulated/scenario';
import { healthyCertificate } from '../../simulated/healthy';

/*
 * Certificates issued by a company's certification authority or chosen by a group policy (issue
 * 24 §1). The server trusts the company's root (Cert:\LocalMachine\Root) and holds its issuing CA
 * (\CA); Remote Desktop's certificate is in \My with its key in the Microsoft Software Key Storage
 * Provider (a file in %ProgramData%\Microsoft\Crypto\Keys), as a certificate enrolled from a
 * "Remote Desktop Authentication" template is (AskDS, "Remote Desktop Services enrolling for TLS
 * certificate from an Enterprise CA").
 */

const MACHINE_GUID = '5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d';
const FULL = 0x1f01ff;
const READ = 0x120089;
export const keyAces = (networkServiceReads: boolean): Ace[] => [
  { sid: 'S-1-5-18', type: 'Allow', rights: FULL, inherited: false },
  { sid: 'S-1-5-32-544', type: 'Allow', rights: FULL, inherited: false },
  ...(networkServiceReads ? [{ sid: 'S-1-5-20', type: 'Allow' as const, rights: READ, inherited: false }] : []),
];

export const CORP_ROOT: SimCertificate = {
  thumbprint: '0C0A0000000000000000000000000000000000A1',
  subject: 'CN=Corp Root CA, DC=corp, DC=example',
  notBefore: '2020-01-01T00:00:00.000Z',
  notAfter: '2040-01-01T00:00:00.000Z',
  hasPrivateKey: false,
  enhancedKeyUsages: null,
  ca: true,
};
export const CORP_ISSUING: SimCertificate = {
  thumbprint: '0C0A0000000000000000000000000000000000B2',
  subject: 'CN=Corp Issuing CA 1, DC=corp, DC=example',
  notBefore: '2021-01-01T00:00:00.000Z',
  notAfter: '2035-01-01T00:00:00.000Z',
  hasPrivateKey: false,
  enhancedKeyUsages: null,
  ca: true,
  issuedBy: CORP_ROOT.thumbprint,
};

/** A certificate the company's issuing CA gave this server, its key a CNG file of its own. */
export function corpCertificate(
  thumbprint: string,
  o: { notBefore: string; notAfter: string; usages?: string[] | null; keyFile: string; networkServiceReads?: boolean },
): SimCertificate {
  return {
    thumbprint,
    subject: 'CN=SRV-APP01.corp.example',
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    hasPrivateKey: true,
    // Remote Desktop Authentication, as the AskDS article's template has it.
    enhancedKeyUsages: o.usages === undefined ? ['1.3.6.1.4.1.311.54.1.2'] : o.usages,
    dnsNames: ['SRV-APP01.corp.example', 'srv-app01'],
    issuedBy: CORP_ISSUING.thumbprint,
    keyStorage: {
      provider: 'Microsoft Software Key Storage Provider',
      container: `te-RemoteDesktopComputer-${thumbprint.slice(0, 8).toLowerCase()}`,
      uniqueName: `${o.keyFile}_${MACHINE_GUID}`,
      ownerSid: 'S-1-5-18',
      aces: keyAces(o.networkServiceReads ?? true),
    },
  };
}

export const CURRENT = corpCertificate('0C0A00000000000000000000000000000000C0C3', {
  notBefore: '2026-06-01T00:00:00.000Z',
  notAfter: '2027-06-01T00:00:00.000Z',
  keyFile: '7c1e94b2a05d3f6e8b9a1c2d3e4f5a6b',
});

/** The server trusts the company's PKI, and Remote Desktop uses `listener` from My (`hashType` 3: an administrator's choice; 2: a group policy's). */
export function usesCorpCertificate(s: MachineState, listener: SimCertificate, hashType: 2 | 3, others: SimCertificate[] = []): void {
  s.certificates.root = [CORP_ROOT];
  s.certificates.intermediate = [CORP_ISSUING];
  s.certificates.my = [listener, ...others];
  s.certificates.listenerThumbprint = listener.thumbprint;
  s.certificates.hashType = hashType;
}

export const expireCertificate = (s: MachineState) => {
  s.certificates.remoteDesktop = [{ ...healthyCertificate, notBefore: '2025-11-14T00:00:00.000Z', notAfter: '2026-11-14T00:00:00.000Z' }];
};

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'certificate-expired': {
    title: 'The RDP certificate expired last week',
    expectedFinding: 'certificate-unusable',
    repairedBy: ['regenerate-rdp-certificate'],
    faults: { 'regenerate-rdp-certificate': { apply: ['Remove-Item', 'Restart-Service@2'], undo: null } },
    state: plant(expireCertificate),
  },
  'certificate-missing': {
    title: 'The certificate Remote Desktop is set to use was deleted from the store',
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      s.certificates.remoteDesktop = [];
    }),
  },
  'custom-certificate-expired': {
    title: 'A certificate installed by an administrator (in My) expired',
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      const custom = {
        thumbprint: 'C0FFEE00112233445566778899AABBCCDDEEFF00',
        subject: 'CN=srv-app01.corp.example',
        notBefore: '2025-10-01T00:00:00.000Z',
        notAfter: '2026-10-01T00:00:00.000Z',
        hasPrivateKey: true,
        keyFile: 'C:\\ProgramData\\Microsoft\\Crypto\\Keys\\9c2e3b7f4a_5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d',
        keyReadable: true,
      };
      s.certificates.hashType = 3;
      s.certificates.my = [custom];
      s.certificates.listenerThumbprint = custom.thumbprint;
    }),
  },
  // Issue 20 §4: event 1057 "Keyset does not exist" while the certificate still says HasPrivateKey.
  'key-file-missing': {
    title: "The certificate's private key file is gone from MachineKeys, though the certificate still says it has one",
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      s.machineKeys = [];
    }),
  },
  'ca-certificate-expired-renewed-beside': {
    title: "The company CA's certificate Remote Desktop was pointed at expired; its renewal sits unused beside it",
    expectedFinding: 'certificate-unusable',
    repairedBy: ['repoint-rdp-certificate'],
    faults: { 'repoint-rdp-certificate': { apply: ['Set-CimInstance'], undo: 'Set-CimInstance' } },
    state: plant((s) =>
      usesCorpCertificate(
        s,
        corpCertificate('0C0A00000000000000000000000000000000C0D4', {
          notBefore: '2025-10-01T00:00:00.000Z',
          notAfter: '2026-10-01T00:00:00.000Z',
          keyFile: '2b8f0c4e6a1d3579bdf02468ace13579',
        }),
        3,
        [CURRENT],
      ),
    ),
  },
  'policy-certificate-enrolment-failing': {
    title: "A group policy's certificate expired and the server cannot enroll a new one (events 1065 and 13)",
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      usesCorpCertificate(
        s,
        corpCertificate('0C0A00000000000000000000000000000000C0E5', {
          notBefore: '2025-11-01T00:00:00.000Z',
          notAfter: '2026-11-01T00:00:00.000Z',
          keyFile: '5d3a1f7e9c0b2468ace13579bdf02468',
        }),
        2,
      );
      const at = (hours: number) => new Date(Date.parse(s.now) - hours * 3_600_000).toISOString();
      s.certificateEvents = [
        {
          log: 'Application',
          provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment',
          id: 13,
          time: at(6),
          message:
            'Certificate enrollment for Local system failed to enroll for a RemoteDesktopComputer certificate with request ID N/A from corp-ca.corp.example\\Corp Issuing CA 1 (The permissions on the certificate template do not allow the current user to enroll for this type of certificate. 0x80094012 (-2146877422 CERTSRV_E_TEMPLATE_DENIED)).',
        },
        {
          log: 'System',
          provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
          id: 1065,
          time: at(6),
          message:
            'The template-based certificate that is being used by the terminal server for Transport Layer Security (TLS) 1.0\\Secure Sockets Layer (SSL) authentication and encryption has expired and cannot be replaced by the terminal server. The following error occurred: 0x80094012.',
        },
      ];
    }),
  },
};
