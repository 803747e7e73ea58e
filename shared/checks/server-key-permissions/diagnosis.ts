import type { Evidence } from '../../results';
import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { certificateProblem, handshakeCertificateEvidence } from '../server-certificate/diagnosis';
import { RdpCertificateFactsSchema } from '../server-certificate/catalog';
import { KeyPermissionsFactsSchema } from './catalog';
import { keyFileProblem, keyProblemOf } from './key-file';
export { keyFileProblems } from './key-file';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateKeyPermissions(raw: unknown): Evaluation {
  const { status, summary } = keyFileProblem(KeyPermissionsFactsSchema.parse(raw));
  return { status, summary };
}

const keyUnreadable: Rule = (r) => {
  const cert = r['server-certificate'];
  const keys = r['server-key-permissions'];
  const facts = factsOf(cert, RdpCertificateFactsSchema);
  const p = facts ? certificateProblem(facts) : null;
  const kind = keyProblemOf(r);
  const keyFacts = factsOf(keys, KeyPermissionsFactsSchema)?.key ?? null;
  // A failed check without facts (an older report) is the permission problem it always meant.
  const shutOut = failed(keys) && kind === 'admins-shut-out';
  const keyAcl = failed(keys) && (kind === 'acl' || kind === null || shutOut);
  const keyStrange = failed(keys) && (kind === 'not-regular' || kind === 'untrusted-owner');
  const certBroken = failed(cert) && p?.problem !== 'key-unreadable';
  if (certBroken || !(keyAcl || keyStrange || p?.problem === 'key-unreadable')) return null;
  const probe = handshakeCertificateEvidence(r);
  const evidence = [probe.failure3, probe.expired].filter((e): e is Evidence => e !== null);
  if (failed(keys)) evidence.push(evidenceOf(keys, 'Key file'));
  if (p?.problem === 'key-unreadable' && cert) evidence.push(evidenceOf(cert, 'Certificate'));
  const base = {
    id: 'rdp-key-unreadable',
    learnMore: learnMore.internalError,
    likelihood: 'certain' as const,
    score: probe.failure3 ? 99 : 97,
    evidence,
  };
  if (keyStrange) {
    return {
      ...base,
      title: "Something other than Windows' key file sits where the certificate's key should be",
      plain:
        'Remote Desktop cannot use its certificate: where its private key file should be, there is a file or folder that Windows did not make, and it may have been put there on purpose. RDP Doctor does not change it. An administrator on the server should look at it, move it away, and then make Windows create a new certificate.',
      technical:
        'The key file the listener certificate names (container TSSecKeySet1: %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_<MachineGuid>) is a folder, a junction / symbolic link, or not owned by SYSTEM (S-1-5-18) or Administrators (S-1-5-32-544). Standard users may create entries in MachineKeys (KB 278381). Inspect it (Get-Item -Force, Get-Acl), move it out as administrator, then remove the certificate and restart TermService.',
      fixIds: [],
    };
  }
  if (shutOut) {
    return {
      ...base,
      title: "Remote Desktop cannot read its certificate's private key: even administrators were shut out of it",
      plain:
        "The permissions on the certificate's private key file were changed so that not even Windows' own administrators may look at them, and Remote Desktop is not allowed to read the key either. The server then drops every connection during the handshake (error 0x904 / 0x7). The repair makes the Administrators group the file's owner, then lets Remote Desktop read that one file again and gives Windows and administrators full control of it.",
      technical:
        'Run as administrator, Get-Acl on the key file the listener certificate names (container TSSecKeySet1: f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys) fails with UnauthorizedAccessException: its DACL grants Administrators (S-1-5-32-544) no READ_CONTROL and they do not own it, unlike the default SYSTEM:F, Administrators:F, NETWORK SERVICE:R. Fix (learn.microsoft.com, "An internal error has occurred"): icacls <file> /setowner *S-1-5-32-544 /L, then icacls <file> /L /grant *S-1-5-20:(R) *S-1-5-18:(F) *S-1-5-32-544:(F), then restart TermService.',
      fixIds: ['repair-rdp-key-permissions'],
    };
  }
  return {
    ...base,
    title: "Remote Desktop cannot read its certificate's private key",
    plain: keyAcl
      ? 'The certificate is fine, but Remote Desktop is not allowed to read its private key. The server then drops every connection during the handshake (error 0x904 / 0x7). Giving Remote Desktop back its permission to read that one file fixes it.'
      : 'The certificate is fine, but Remote Desktop may not be allowed to read its private key. On the server, open the computer\'s certificates, choose "Manage Private Keys" on this one and give Remote Desktop\'s account read access.',
    technical: keyAcl
      ? `The key file the listener certificate names (${
          keyFacts?.provider === 'CNG' && keyFacts.path
            ? `a CNG key of a certificate from a CA or policy: ${keyFacts.path}, found with certutil -store`
            : keyFacts?.path && !/f686aace6942fb7f7ceb231212eef4a4_/i.test(keyFacts.path)
              ? `a CSP key of a certificate from a CA or policy: ${keyFacts.path}, found with certutil -store`
              : 'container TSSecKeySet1: f686aace6942fb7f7ceb231212eef4a4_<MachineGuid> in %ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys'
        }) lacks Read for NETWORK SERVICE (S-1-5-20), the account TermService runs as (server events 1057 / 1058, Schannel 36870). Fix: icacls /L on that one file, with SIDs (*S-1-5-20:R, *S-1-5-18:F, *S-1-5-32-544:F).`
      : 'The certificate reports its private key unreadable for NETWORK SERVICE (S-1-5-20). certlm.msc > the certificate > All Tasks > Manage Private Keys > add NETWORK SERVICE with Read.',
    fixIds: keyAcl ? ['repair-rdp-key-permissions'] : [],
  };
};

export const serverKeyPermissionsDiagnosis = defineCheckDiagnosis({
  id: 'server-key-permissions',
  evaluate: evaluateKeyPermissions,
  rules: [keyUnreadable],
});
