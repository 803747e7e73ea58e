import type { RealCase } from '../real-case';
import { triedToConnect } from './windows';

/** The peer is not Windows: an xrdp host. Its causes live on a Linux machine the product cannot read. */
export const notWindowsCases: RealCase[] = [
  {
    id: 'dietpi-xrdp-key-permission-denied',
    source: {
      url: 'https://github.com/MichaIng/DietPi/issues/5976',
      title: 'xRDP – cannot read /etc/xrdp/key.pem. Permission denied error',
      date: '2022-12-14',
    },
    situation:
      'An xrdp host (DietPi, Debian bullseye) logs "Cannot read private key file /etc/xrdp/key.pem: Permission denied" for each ' +
      'connection, and answers "Security layer: requested 11, selected 0" (no TLS, standard RDP security). Cause: the xrdp user ' +
      'is not in the ssl-cert group that may read the key; adding it fixed it.',
    // What the wire shows: xrdp without a usable key falls back to standard RDP security (its log's "selected 0").
    serverIsNot: { kind: 'xrdp', config: 'rdp-only' },
    client: (pc) => triedToConnect(pc),
    expected: { cannotCheck: "the xrdp host's permissions on its TLS key file (/etc/xrdp/key.pem, group ssl-cert)" },
  },
  {
    id: 'xrdp-2858-key-permission-cr-tpdu-failed',
    source: {
      url: 'https://github.com/neutrinolabs/xrdp/issues/2858',
      title: 'xrdp crashes if login-manager configured for autologin (comment: key.pem permission)',
      date: '2023-11-16',
    },
    situation:
      'An Ubuntu xrdp host: Windows\' Remote Desktop cannot connect; xrdp.log shows "Cannot read private key file ' +
      '/etc/xrdp/key.pem: Permission denied" then "[ITU-T X.224] Connection Sequence: CR-TPDU (Connection Request) failed". ' +
      "The maintainer points to xrdp.ini's note: add the xrdp user to ssl-cert (sudo adduser xrdp ssl-cert).",
    serverIsNot: { kind: 'xrdp', config: 'missing-cert' },
    client: (pc) => triedToConnect(pc),
    reportedError: '0x904',
    // xrdp without its key answers RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER (the "CR-TPDU failed" in
    // its log; a real xrdp serves it here): the server itself says it has no usable certificate,
    // which the product names as it is, with no Windows fix. Why (key.pem's group) it cannot see.
    expected: { firstFinding: 'certificate-unusable' },
  },
];
