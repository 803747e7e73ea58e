import type { z } from 'zod';
import { evidenceOf, failed, type Results, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { ListenerFactsSchema } from '../server-listener/catalog';
import { listenerProblem } from '../server-listener/diagnosis';
import { RdpServicesFactsSchema, SERVICE_NAMES, SERVICES_MUST_RUN, type RdpServiceName } from './catalog';

type RdpServiceFacts = z.infer<typeof RdpServicesFactsSchema>['services'][number];
import { defineCheckDiagnosis } from '../define-diagnosis';

/** The services that are missing, disabled, or (for those that must run) not running. */
function downServices(r: Results): RdpServiceFacts[] {
  const f = factsOf(r['server-services'], RdpServicesFactsSchema);
  return (f?.services ?? []).filter(
    (s) => !s.exists || s.startType === 'Disabled' || (SERVICES_MUST_RUN.includes(s.name) && s.status !== 'Running'),
  );
}

/** Services Windows needs to make (and read) the listener's self-signed certificate. */
const CERTIFICATE_SERVICES: readonly RdpServiceName[] = ['KeyIso', 'CertPropSvc', 'CryptSvc'];

/**
 * A service Windows needs to make the self-signed certificate cannot start: no new certificate
 * appears until it can ("An internal error has occurred", learn.microsoft.com: start CertPropSvc,
 * KeyIso, CryptSvc, SessionEnv so that Windows can re-create it).
 */
export const certificateServicesDown = (r: Results): boolean => downServices(r).some((s) => CERTIFICATE_SERVICES.includes(s.name));

/** Remote Desktop Services itself is down (or, from a report without facts, the check failed). */
export function termServiceDown(r: Results): boolean {
  if (!failed(r['server-services'])) return false;
  if (!factsOf(r['server-services'], RdpServicesFactsSchema)) return true;
  return downServices(r).some((s) => s.name === 'TermService');
}

const svc = (name: RdpServiceName) => `${SERVICE_NAMES[name]} (${name})`;
/** "StartPending" -> "start pending"; no status at all reads as stopped. */
const statusWords = (status: RdpServiceFacts['status']) => (status ?? 'Stopped').replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();

function evaluateServices(raw: unknown): Evaluation {
  const f = RdpServicesFactsSchema.parse(raw);
  const problems: string[] = [];
  for (const s of f.services) {
    if (!s.exists) problems.push(`${svc(s.name)} is missing`);
    else if (s.startType === 'Disabled') problems.push(`${svc(s.name)} is disabled`);
    else if (SERVICES_MUST_RUN.includes(s.name) && s.status !== 'Running') problems.push(`${svc(s.name)} is ${statusWords(s.status)}`);
  }
  if (problems.length) return { status: 'fail', summary: `${problems.join('; ')}.` };
  const term = f.services.find((s) => s.name === 'TermService');
  if (term?.account && !/networkservice|network service/i.test(term.account)) {
    return {
      status: 'warn',
      summary: `Remote Desktop Services runs as ${term.account} instead of NETWORK SERVICE; the certificate's key permissions are set for NETWORK SERVICE.`,
    };
  }
  return { status: 'pass', summary: 'Remote Desktop Services is running, and the certificate services can start when needed.' };
}

const servicesDown: Rule = (r) => {
  const sv = r['server-services'];
  if (!failed(sv)) return null;
  const down = downServices(r);
  // From a report without facts, the failed check meant Remote Desktop Services (termServiceDown).
  const termDown = termServiceDown(r);
  const evidence = [evidenceOf(sv, 'Services')];
  const listener = r['server-listener'];
  const lf = factsOf(listener, ListenerFactsSchema);
  if (termDown && listener && lf && listenerProblem(lf).problem === 'not-listening') evidence.push(evidenceOf(listener, 'Listener'));
  const names = down.length ? down.map((s) => svc(s.name)).join(', ') : svc('TermService');
  return {
    id: 'rdp-services-stopped',
    title: termDown
      ? 'Remote Desktop Services is not running on the server'
      : 'A service Remote Desktop needs for its certificate cannot start',
    plain: termDown
      ? 'The service that accepts Remote Desktop connections is stopped or disabled, so nothing answers. Starting it fixes that.'
      : `Remote Desktop needs ${down.map((x) => SERVICE_NAMES[x.name]).join(', ')} to create and read its certificate. While it cannot start, the server drops connections during the handshake (0x904 / 0x7). Setting it back to how Windows ships it fixes that.`,
    technical: `Stopped, disabled or missing: ${names}. TermService must run; CertPropSvc, KeyIso and CryptSvc must be allowed to start (StartMode not Disabled). Fix: Set-Service -StartupType as shipped, Start-Service.`,
    likelihood: 'certain',
    score: termDown ? 92 : 90,
    evidence,
    fixIds: down.every((s) => s.exists) ? ['start-rdp-services'] : [],
  };
};

export const serverServicesDiagnosis = defineCheckDiagnosis({
  id: 'server-services',
  evaluate: evaluateServices,
  rules: [servicesDown],
});
