import type { Evidence } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { certificateProblem, handshakeCertificateEvidence } from '../server-certificate/diagnosis';
import { RdpCertificateFactsSchema } from '../server-certificate/catalog';
import { KeyPermissionsFactsSchema, type Ace, type KeyPermissionsFacts } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

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

const keyUnreadable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const certBroken = failed(cert) && p?.problem !== 'key-unreadable';
  if (certBroken || !(failed(keys) || p?.problem === 'key-unreadable')) return null;
  const probe = handshakeCertificateEvidence(r);
  const evidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file permissions'));
  if (p?.problem === 'key-unreadable' && cert) evidence.push(evidenceOf(cert, 'Certificate'));
  return {
    id: 'rdp-key-unreadable',
    title: "Remote Desktop cannot read its certificate's private key",
    plain: failed(keys)
      ? 'The certificate is fine, but Remote Desktop is not allowed to read its secret key. The server then drops every connection during the handshake (error 0x904 / 0x7). Giving Remote Desktop back its permission to read that one file fixes it.'
      : 'The certificate is fine, but Remote Desktop may not be allowed to read its secret key. On the server, open the computer\'s certificates, choose "Manage Private Keys" on this one and give Remote Desktop\'s account read access.',
    technical: failed(keys)
      ? 'The key file f686aace6942fb7f7ceb231212eef4a4_* in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys lacks Read for NETWORK SERVICE (S-1-5-20), the account TermService runs as (server events 1057 / 1058, Schannel 36870). Fix: icacls on that one file, with SIDs (*S-1-5-20:R, *S-1-5-18:F, *S-1-5-32-544:F), after icacls /save.'
      : 'The certificate reports its private key unreadable for NETWORK SERVICE (S-1-5-20). certlm.msc > the certificate > All Tasks > Manage Private Keys > add NETWORK SERVICE with Read.',
    learnMore: learnMore.internalError,
    likelihood: 'certain',
    score: probe.failure3 ? 99 : 97,
    evidence,
    fixIds: failed(keys) ? ['repair-rdp-key-permissions'] : [],
  };
};

export const serverKeyPermissionsDiagnosis = defineCheckDiagnosis({
  id: 'server-key-permissions',
  evaluate: evaluateKeyPermissions,
  rules: [keyUnreadable],
});
