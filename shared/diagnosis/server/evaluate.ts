import { evaluateServerRdpEvents } from './events-evaluate';
import {
  KeyPermissionsFactsSchema,
  RdpCertificateFactsSchema,
  type Ace,
  type StoreCertificateFacts,
  type KeyPermissionsFacts,
  type RdpCertificateFacts,
} from '../../catalog/server/scripts';
import type { serverChecks } from '../../catalog/server/checks';
import type { Evaluation, Evaluator } from '../types';
import { DAY_MS, isoDay } from '../../days';

const EXPIRY_WARNING_DAYS = 30;

// ---------------------------------------------------------------- ACLs (MachineKeys)

const READ_DATA = 0x1;
const FULL_CONTROL = 0x1f01ff;
const GENERIC_ALL = 0x10000000;
const GENERIC_READ = 0x80000000;
/** NT SERVICE\TermService: S-1-5-80- and the SHA-1 of "TERMSERVICE" (UTF-16LE) as five numbers. */
const TERMSERVICE_SID = 'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104';
/**
 * SIDs in TermService's token, whose entries apply to it: NETWORK SERVICE, Everyone,
 * Authenticated Users, SERVICE, BUILTIN\Users (Authenticated Users is a member) and its service
 * SID (learn.microsoft.com, "Well-known SIDs"). The same list as lib\common.ps1's.
 */
const NETWORK_SERVICE_SIDS = ['S-1-5-20', 'S-1-1-0', 'S-1-5-11', 'S-1-5-6', 'S-1-5-32-545', TERMSERVICE_SID];
const SID_NAMES: Record<string, string> = {
  'S-1-5-20': 'NETWORK SERVICE',
  'S-1-5-18': 'SYSTEM',
  'S-1-5-32-544': 'Administrators',
  'S-1-1-0': 'Everyone',
  'S-1-5-11': 'Authenticated Users',
  'S-1-5-6': 'SERVICE',
  'S-1-5-32-545': 'Users',
  [TERMSERVICE_SID]: 'NT SERVICE\\TermService',
};
const sidName = (sid: string) => SID_NAMES[sid] ?? sid;

const grantsRead = (rights: number) => {
  const r = rights >>> 0;
  return (r & READ_DATA) !== 0 || (r & GENERIC_READ) >>> 0 !== 0 || (r & GENERIC_ALL) !== 0;
};
const grantsFull = (rights: number) => {
  const r = rights >>> 0;
  return (r & FULL_CONTROL) === FULL_CONTROL || (r & GENERIC_ALL) !== 0;
};

/** Whether an ACL lets NETWORK SERVICE read the file: an allow entry that applies, and no deny. */
function networkServiceCanRead(aces: readonly Ace[]): boolean {
  const applies = aces.filter((a) => NETWORK_SERVICE_SIDS.includes(a.sid) && grantsRead(a.rights));
  return applies.some((a) => a.type === 'Allow') && !applies.some((a) => a.type === 'Deny');
}

/** What is wrong with one RDP key file's ACL, in plain words; empty when it is right. */
export function keyFileProblems(aces: readonly Ace[]): string[] {
  const problems: string[] = [];
  const denied = aces.filter((a) => a.type === 'Deny' && NETWORK_SERVICE_SIDS.includes(a.sid) && grantsRead(a.rights));
  if (denied.length) problems.push(`a deny entry for ${denied.map((a) => sidName(a.sid)).join(', ')} blocks NETWORK SERVICE`);
  else if (!networkServiceCanRead(aces)) problems.push('NETWORK SERVICE may not read it');
  if (!aces.some((a) => a.sid === 'S-1-5-18' && a.type === 'Allow' && grantsFull(a.rights)))
    problems.push('SYSTEM does not have full control');
  return problems;
}

function evaluateKeyPermissions(raw: unknown): Evaluation {
  const f: KeyPermissionsFacts = KeyPermissionsFactsSchema.parse(raw);
  if (f.files.length === 0) {
    return {
      status: 'skipped',
      summary: 'There is no Remote Desktop self-signed key file (f686aace…) in MachineKeys, so there is nothing to check here.',
    };
  }
  const bad = f.files.map((file) => ({ file, problems: keyFileProblems(file.aces) })).filter((x) => x.problems.length);
  if (bad.length === 0) {
    return { status: 'pass', summary: 'NETWORK SERVICE can read the Remote Desktop key file and SYSTEM has full control.' };
  }
  const first = bad[0]!;
  return {
    status: 'fail',
    summary: `The Remote Desktop key file ${first.file.name} has the wrong permissions: ${first.problems.join('; ')}, so Remote Desktop cannot use its certificate.`,
  };
}

// ---------------------------------------------------------------- certificate

/** The certificate the listener uses: the configured thumbprint in either store, else the newest self-signed one. */
function listenerCertificate(f: RdpCertificateFacts): StoreCertificateFacts | null {
  const all = [...f.store, ...(f.myStore ?? [])];
  if (f.listenerThumbprint) return all.find((c) => c.thumbprint === f.listenerThumbprint) ?? null;
  return [...f.store].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0] ?? null;
}

export type CertificateProblem =
  'none' | 'missing' | 'not-in-store' | 'expired' | 'not-yet-valid' | 'no-private-key' | 'key-unreadable' | 'expiring';

/** Whether Windows makes this certificate itself (so removing it makes a new one). */
export const isSelfSigned = (f: RdpCertificateFacts) =>
  f.hashType === undefined || f.hashType === null || f.hashType === 1 || f.hashType === 0;

export function certificateProblem(f: RdpCertificateFacts): {
  problem: CertificateProblem;
  cert: StoreCertificateFacts | null;
  status: Evaluation['status'];
  summary: string;
} {
  const cert = listenerCertificate(f);
  const now = Date.parse(f.now);
  const source = f.hashType === 2 ? ' (set by group policy)' : f.hashType === 3 ? ' (installed by an administrator)' : '';
  if (!cert) {
    if (f.listenerThumbprint) {
      return {
        problem: 'not-in-store',
        cert,
        status: 'fail',
        summary: `Remote Desktop is set to use certificate ${f.listenerThumbprint}${source}, but it is not in the certificate store, so the server cannot start the encrypted connection.`,
      };
    }
    return {
      problem: 'missing',
      cert,
      status: 'fail',
      summary: 'Remote Desktop has no certificate in its store, so the server cannot start the encrypted connection.',
    };
  }
  if (Date.parse(cert.notAfter) <= now) {
    return {
      problem: 'expired',
      cert,
      status: 'fail',
      summary: `The Remote Desktop certificate${source} expired on ${isoDay(cert.notAfter)}.`,
    };
  }
  if (Date.parse(cert.notBefore) > now) {
    return {
      problem: 'not-yet-valid',
      cert,
      status: 'fail',
      summary: `The Remote Desktop certificate is not valid until ${isoDay(cert.notBefore)} (check the server's clock).`,
    };
  }
  if (!cert.hasPrivateKey) {
    return {
      problem: 'no-private-key',
      cert,
      status: 'fail',
      summary: 'The Remote Desktop certificate has lost its private key, so it cannot be used.',
    };
  }
  if (cert.keyReadable === false) {
    return {
      problem: 'key-unreadable',
      cert,
      status: 'fail',
      summary:
        'The Remote Desktop certificate is valid, but NETWORK SERVICE (the account Remote Desktop runs as) may not read its private key.',
    };
  }
  const daysLeft = Math.floor((Date.parse(cert.notAfter) - now) / DAY_MS);
  if (daysLeft < EXPIRY_WARNING_DAYS) {
    return {
      problem: 'expiring',
      cert,
      status: 'warn',
      summary: `The Remote Desktop certificate expires in ${daysLeft} days (${isoDay(cert.notAfter)}).`,
    };
  }
  return {
    problem: 'none',
    cert,
    status: 'pass',
    summary: `The Remote Desktop certificate${source} is valid until ${isoDay(cert.notAfter)} and has its private key.`,
  };
}

function evaluateCertificate(raw: unknown): Evaluation {
  const { status, summary } = certificateProblem(RdpCertificateFactsSchema.parse(raw));
  return { status, summary };
}

export const serverEvaluators = {
  'server-certificate': evaluateCertificate,
  'server-key-permissions': evaluateKeyPermissions,
  'server-rdp-events': evaluateServerRdpEvents,
} satisfies Partial<Record<(typeof serverChecks)[number]['id'], Evaluator>>;
