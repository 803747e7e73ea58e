import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { byNetwork, plural, warned } from '../client-kit';
import { SavedCredentialsFactsSchema } from './catalog';

/**
 * Whether a cmdkey target is a Remote Desktop password for this host: "TERMSRV/<host>" or
 * "TERMSRV/<host>:<port>", any "Domain:target=" style prefix, case-insensitive (Windows is).
 * The .ps1 applies the same test.
 */
export function credentialMatches(target: string, host: string, port: number): boolean {
  const at = target.toUpperCase().indexOf('TERMSRV/');
  if (at < 0) return false;
  const name = target.slice(at + 'TERMSRV/'.length).toLowerCase();
  const h = host.toLowerCase();
  return name === h || name === `${h}:${port}`;
}

function evaluateCredentials(raw: unknown): Evaluation {
  const f = SavedCredentialsFactsSchema.parse(raw);
  const mine = f.entries.filter((e) => credentialMatches(e, f.host, f.port));
  if (mine.length > 0) {
    const names = mine.map((e) => e.slice(e.toUpperCase().indexOf('TERMSRV/'))).join(', ');
    return {
      status: 'fail',
      summary: `Windows has a saved Remote Desktop password for ${f.host} (${names}). If that password changed, it is sent again every time.`,
    };
  }
  const others = f.entries.length;
  return {
    status: 'pass',
    summary: `No saved Remote Desktop password for ${f.host}${others ? ` (${plural(others, 'saved entry', 'saved entries')} for other computers)` : ''}.`,
  };
}

const staleCredentials: Rule = (r, ctx) => {
  const c = r['client-saved-credentials'];
  if (!warned(c)) return null;
  return {
    id: 'stale-saved-credentials',
    title: 'An old saved password may be sent for this computer',
    plain:
      'Windows saved a password for this computer and sends it automatically. When that password has changed (or the account is locked), the server can refuse the connection early. Removing it makes Remote Desktop ask again.' +
      byNetwork(ctx, {
        domain: 'On a company network, a recently changed domain password is the usual reason.',
        azure: 'For an Azure VM, the password may have been reset in the portal ("Reset password").',
      }),
    technical:
      'Credential Manager holds a TERMSRV/<host> entry (cmdkey /list). mstsc sends it without prompting; a wrong or expired one can end the CredSSP exchange. Removed with cmdkey /delete:TERMSRV/<host> after a backup.',
    likelihood: 'possible',
    score: ctx.networkType === 'domain' ? 35 : 30,
    evidence: [evidenceOf(c, 'Saved passwords')],
    fixIds: ['remove-saved-credentials'],
  };
};

export const clientSavedCredentialsDiagnosis = defineCheckDiagnosis({
  id: 'client-saved-credentials',
  evaluate: evaluateCredentials,
  rules: [staleCredentials],
});
