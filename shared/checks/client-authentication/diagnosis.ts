import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { ClientAuthenticationFactsSchema } from './catalog';
import { exceptionCovers, OUTGOING_NAMES } from './ntlm-exceptions';

/**
 * Warns only for what can stop this connection by itself: NTLM denied towards a target the
 * exception list does not name. Whether it does stop it depends on the server and on Kerberos;
 * the findings (diagnosis/hardened-auth-rules.ts) weigh both ends. After the fix puts the target
 * on the list, this passes, which is what verifies it.
 */
function evaluateClientAuthentication(raw: unknown): Evaluation {
  const f = ClientAuthenticationFactsSchema.parse(raw);
  const notes: string[] = [];
  if (f.restrictedRemoteAdministration === 1) {
    notes.push(
      `Remote Desktop must use Restricted Admin or Remote Credential Guard (type ${f.restrictedRemoteAdministrationType ?? 'not set'}).`,
    );
  }
  if (f.lmCompatibilityLevel !== null && f.lmCompatibilityLevel <= 2)
    notes.push(`LAN Manager authentication level ${f.lmCompatibilityLevel}: no NTLMv2 responses.`);
  const exceptions = f.ntlmServerExceptions ?? [];
  if (f.restrictSendingNtlm === 2) {
    if (exceptions.some((e) => exceptionCovers(e, f.host))) {
      return { status: 'pass', summary: [`Outgoing NTLM: Deny all, but ${f.host} is on the exception list.`, ...notes].join(' ') };
    }
    return {
      status: 'warn',
      summary: [
        `Outgoing NTLM: Deny all, and ${f.host} is not on the exception list (${exceptions.length ? exceptions.join(', ') : 'empty'}): only Kerberos can sign in to it.`,
        ...notes,
      ].join(' '),
    };
  }
  return {
    status: 'pass',
    summary: [`Outgoing NTLM: ${OUTGOING_NAMES[f.restrictSendingNtlm ?? 0] ?? f.restrictSendingNtlm}.`, ...notes].join(' '),
  };
}

export const clientAuthenticationDiagnosis = defineCheckDiagnosis({
  id: 'client-authentication',
  evaluate: evaluateClientAuthentication,
  rules: [],
  informs: 'the hardened sign-in rules (shared/diagnosis/hardened-auth-rules.ts), which set it beside the server',
});
