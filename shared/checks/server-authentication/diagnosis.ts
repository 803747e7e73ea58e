import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { INCOMING_NAMES, ServerAuthenticationFactsSchema } from './catalog';

/** The server's side alone: incoming NTLM denied is the one setting that refuses sign-ins by itself. */
function evaluateServerAuthentication(raw: unknown): Evaluation {
  const f = ServerAuthenticationFactsSchema.parse(raw);
  const domain = f.partOfDomain ? `in the domain ${f.domain ?? '?'}` : 'not in a domain (workgroup)';
  const protectedSignIn = f.disableRestrictedAdmin === 0 || f.allowProtectedCreds === 1 ? 'allowed' : 'not allowed';
  const parts = [
    `Incoming NTLM: ${INCOMING_NAMES[f.restrictReceivingNtlm ?? 0] ?? f.restrictReceivingNtlm}.`,
    `The server is ${domain}.`,
    `Restricted Admin / Remote Credential Guard: ${protectedSignIn}.`,
    ...(f.lmCompatibilityLevel !== null ? [`LAN Manager authentication level ${f.lmCompatibilityLevel}.`] : []),
    ...(f.allowEncryptionOracle === 0 ? ['CredSSP: Force Updated Clients.'] : []),
  ];
  const refuses = f.restrictReceivingNtlm === 2 || (f.restrictReceivingNtlm === 1 && f.partOfDomain);
  return { status: refuses ? 'warn' : 'pass', summary: parts.join(' ') };
}

export const serverAuthenticationDiagnosis = defineCheckDiagnosis({
  id: 'server-authentication',
  evaluate: evaluateServerAuthentication,
  rules: [],
  informs: 'the hardened sign-in rules (shared/diagnosis/hardened-auth-rules.ts), which set it beside this computer',
});
