import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Test certificates made with the openssl CLI. `openssl ca -selfsign` is the one OpenSSL 3.0
 * command that takes explicit start and end dates, which expired and not-yet-valid need.
 */

export type CertKind = 'valid' | 'expired' | 'not-yet-valid' | 'expiring-soon';

export interface CertSet {
  dir: string;
  key: string;
  cert: Record<CertKind, string>;
  cleanup(): Promise<void>;
}

const CA_CONFIG = `[ ca ]
default_ca = d
[ d ]
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = p
unique_subject = no
copy_extensions = copy
[ p ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = localhost
`;

/** openssl's ASN.1 time: YYYYMMDDHHMMSSZ. */
function asn1Time(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

const DAY = 86_400_000;

/** The key and one certificate as PEM text, the form TLS servers (and startFakeServer) take. */
export async function readPem(certs: CertSet, kind: CertKind = 'valid'): Promise<{ key: string; cert: string }> {
  return { key: await readFile(certs.key, 'utf8'), cert: await readFile(certs.cert[kind], 'utf8') };
}

/** `names`: the subjectAltName entries (a server's own name, as Windows puts it in its certificate). */
export async function makeCertificates(names = 'DNS:localhost,IP:127.0.0.1'): Promise<CertSet> {
  const dir = await mkdtemp(join(tmpdir(), 'rdpd-certs-'));
  const opts = { cwd: dir };
  await writeFile(join(dir, 'ca.cnf'), CA_CONFIG);
  await writeFile(join(dir, 'index.txt'), '');
  await writeFile(join(dir, 'serial'), '01\n');
  await run(
    'openssl',
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'req.csr',
      '-config',
      'ca.cnf',
      '-addext',
      `subjectAltName=${names}`,
    ],
    opts,
  );
  const now = Date.now();
  const windows: Record<CertKind, [Date, Date]> = {
    valid: [new Date(now - DAY), new Date(now + 365 * DAY)],
    expired: [new Date('2020-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z')],
    'not-yet-valid': [new Date(now + 365 * DAY), new Date(now + 730 * DAY)],
    'expiring-soon': [new Date(now - 300 * DAY), new Date(now + 10 * DAY + DAY / 2)],
  };
  const cert = {} as Record<CertKind, string>;
  // Sequential: `openssl ca` rewrites the shared index and serial files.
  for (const [kind, [from, to]] of Object.entries(windows) as [CertKind, [Date, Date]][]) {
    const file = `${kind}.pem`;
    await run(
      'openssl',
      [
        'ca',
        '-batch',
        '-config',
        'ca.cnf',
        '-selfsign',
        '-keyfile',
        'key.pem',
        '-in',
        'req.csr',
        '-out',
        file,
        '-notext',
        '-startdate',
        asn1Time(from),
        '-enddate',
        asn1Time(to),
      ],
      opts,
    );
    cert[kind] = join(dir, file);
  }
  return { dir, key: join(dir, 'key.pem'), cert, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
