import type { Results } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import type { KeyFileFacts } from '../server-certificate/catalog';
import { KeyPermissionsFactsSchema, type Ace, type KeyPermissionsFacts } from './catalog';

/*
 * The listener certificate's key file, judged from the key-permission check's facts: read by this
 * check's evaluator and rule and by the certificate check's rule (a missing key file makes the
 * certificate unusable).
 */

const READ_DATA = 0x1;
const FULL_CONTROL = 0x1f01ff;
const GENERIC_ALL = 0x10000000;
const GENERIC_READ = 0x80000000;
/** NT SERVICE\TermService: S-1-5-80- and the SHA-1 of "TERMSERVICE" (UTF-16LE) as five numbers. */
const TERMSERVICE_SID = 'S-1-5-80-446051430-1559341753-4161941529-1950928533-810483104';
/**
 * SIDs in TermService's token, whose entries apply to it: NETWORK SERVICE, Everyone,
 * Authenticated Users, SERVICE, BUILTIN\Users (Authenticated Users is a member) and its service
 * SID (learn.microsoft.com, "Well-known SIDs"). The same list as lib\access-rights.ps1's.
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

/** What is wrong with the listener certificate's key file, from the key-permission check's facts. */
export type KeyFileProblemKind = 'none' | 'unknown' | 'missing' | 'not-regular' | 'untrusted-owner' | 'admins-shut-out' | 'acl';

/** The key file in words, for the evidence: its name, container, provider and owner. */
export function describeKeyFile(key: KeyFileFacts): string {
  const name = key.path ? (key.path.split('\\').at(-1) ?? key.path) : 'no file';
  const parts = [
    key.container ? `container ${key.container}` : null,
    key.provider,
    key.exists === false ? 'missing' : key.regularFile === false ? 'not a regular file' : null,
    key.ownerSid ? `owner ${sidName(key.ownerSid)}` : null,
    key.networkServiceCanRead === true
      ? 'NETWORK SERVICE may read it'
      : key.networkServiceCanRead === false
        ? 'NETWORK SERVICE may not read it'
        : null,
  ].filter((p): p is string => p !== null);
  return `${name} (${parts.join(', ')})`;
}

export function keyFileProblem(f: KeyPermissionsFacts): { kind: KeyFileProblemKind; status: Evaluation['status']; summary: string } {
  const key = f.key;
  // Facts from before the key was found from the certificate: the files the check listed.
  if (key === undefined) {
    if (f.files.length === 0)
      return {
        kind: 'unknown',
        status: 'skipped',
        summary: 'There is no Remote Desktop key file in MachineKeys, so there is nothing to check here.',
      };
  } else if (key === null) {
    return {
      kind: 'unknown',
      status: 'skipped',
      summary: "Remote Desktop's certificate is not in its store, so there is no key file to check here (the certificate check says more).",
    };
  } else if (!key.path) {
    return {
      kind: 'unknown',
      status: 'skipped',
      summary: `The certificate's key${key.container ? ` (container ${key.container})` : ''} is not a file RDP Doctor can check, so its permissions are not checked here.`,
    };
  } else if (key.exists === false) {
    if (f.hasPrivateKey === false)
      return { kind: 'unknown', status: 'skipped', summary: 'The certificate has no private key, so there is no key file to check here.' };
    return {
      kind: 'missing',
      status: 'fail',
      summary: `The certificate says it has a private key, but its key file ${describeKeyFile(key)} is missing, so Remote Desktop cannot use the certificate.`,
    };
  } else if (key.regularFile === false) {
    return {
      kind: 'not-regular',
      status: 'fail',
      summary: `Where the certificate's key file should be, there is a folder or a link: ${describeKeyFile(key)}. Windows never makes it so; RDP Doctor does not change it.`,
    };
  } else if (key.ownerTrusted === false) {
    return {
      kind: 'untrusted-owner',
      status: 'fail',
      summary: `The certificate's key file ${describeKeyFile(key)} is not owned by SYSTEM or Administrators, as the ones Windows makes are. Someone may have planted it; RDP Doctor does not change it.`,
    };
  }
  if (f.adminsShutOut === true) {
    // Windows' RSA key files carry SYSTEM and Administrators full control and NETWORK SERVICE read
    // (the "default values" learn.microsoft.com's "Troubleshoot Azure VM RDP connection issues by
    // Event ID", scenario 1, resets them to). An administrator who may not read the permissions
    // (nor so the owner: GetNamedSecurityInfo needs READ_CONTROL or ownership) sees that they were
    // changed, and nothing shows Remote Desktop may still read the file: the internal-error article's case.
    const name = key?.path ? (key.path.split(/[\\/]/).at(-1) ?? key.path) : 'the Remote Desktop key file';
    return {
      kind: 'admins-shut-out',
      status: 'fail',
      summary: `Even Windows' administrators may not read the permissions of the Remote Desktop key file ${name}: they were changed from what Windows sets (SYSTEM and Administrators full control, NETWORK SERVICE read), so Remote Desktop is most likely not allowed to read it either.`,
    };
  }
  const bad = f.files.map((file) => ({ file, problems: keyFileProblems(file.aces) })).filter((x) => x.problems.length);
  if (bad.length === 0) {
    return { kind: 'none', status: 'pass', summary: 'NETWORK SERVICE can read the Remote Desktop key file and SYSTEM has full control.' };
  }
  const first = bad[0]!;
  return {
    kind: 'acl',
    status: 'fail',
    summary: `The Remote Desktop key file ${first.file.name} has the wrong permissions: ${first.problems.join('; ')}, so Remote Desktop cannot use its certificate.`,
  };
}

/** The key-permission check's finding about the key file, when it ran and found one. */
export function keyProblemOf(r: Results): KeyFileProblemKind | null {
  const facts = factsOf(r['server-key-permissions'], KeyPermissionsFactsSchema);
  return facts ? keyFileProblem(facts).kind : null;
}
