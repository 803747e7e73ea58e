import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { ConnectionPressureFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

const FLOOD_FAILED_LOGONS = 300;
const MANY_FAILED_LOGONS = 50;

function evaluateConnectionPressure(raw: unknown): Evaluation {
  const f = ConnectionPressureFactsSchema.parse(raw);
  const max = f.maxOutstandingConnections;
  const maxNote = max === null ? '' : ` MaxOutstandingConnections is ${max}.`;
  if (f.failedLogonsLastHour === null) {
    return {
      status: 'skipped',
      summary: `The Security log could not be read (${f.securityLogError ?? 'no permission'}), so failed sign-ins were not counted.${maxNote}`,
    };
  }
  const n = f.failedLogonsLastHour;
  if (n >= FLOOD_FAILED_LOGONS) {
    return {
      status: 'fail',
      summary: `${n} failed sign-ins in the last hour: someone is guessing passwords, and the half-open connections crowd out real ones.${maxNote}`,
    };
  }
  if (n >= MANY_FAILED_LOGONS) return { status: 'warn', summary: `${n} failed sign-ins in the last hour: more than normal.${maxNote}` };
  if (max !== null && max < 50) {
    return { status: 'warn', summary: `MaxOutstandingConnections is only ${max}: a few slow or hostile connections can block new ones.` };
  }
  return { status: 'pass', summary: `${n} failed sign-in${n === 1 ? '' : 's'} in the last hour: no sign of a flood.${maxNote}` };
}

const connectionFlood: Rule = (r) => {
  const c = r['server-connection-pressure'];
  if (!c || (c.status !== 'fail' && c.status !== 'warn')) return null;
  const flood = c.status === 'fail';
  // A warning with few failed sign-ins comes from a low queue limit alone: no bots to blame.
  const f = factsOf(c, ConnectionPressureFactsSchema);
  const lowLimitOnly = f !== null && (f.failedLogonsLastHour ?? 0) < MANY_FAILED_LOGONS;
  return {
    id: 'connection-flood',
    title: flood
      ? 'The server is flooded with sign-in attempts'
      : lowLimitOnly
        ? 'The server sets up only a few connections at once'
        : 'Many failed sign-ins on the server',
    plain: lowLimitOnly
      ? `The server is set to set up only ${f.maxOutstandingConnections} connections at once: while that many are still being set up, new ones, yours too, are dropped. Someone lowered this limit on purpose or by mistake; an administrator on the server can raise it again. RDP Doctor does not change it.`
      : 'Password-guessing bots fill the queue of connections the server is still setting up, and new ones, yours too, are dropped. The lasting fix is to stop exposing the port: reach the server through a VPN or a Remote Desktop Gateway, or limit the firewall rule to known addresses, and set an account lockout policy. Raising the queue limit only hides the symptom.',
    technical:
      'Security log event 4625 (failed logon) count in the last hour against MaxOutstandingConnections under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server; RemoteConnectionManager event 1006 when the queue overflows.',
    learnMore: learnMore.bruteForce,
    likelihood: flood ? 'likely' : 'possible',
    score: flood ? 60 : 25,
    evidence: [evidenceOf(c, lowLimitOnly ? 'Connection queue' : 'Failed sign-ins')],
    fixIds: [],
  };
};

export const serverConnectionPressureDiagnosis = defineCheckDiagnosis({
  id: 'server-connection-pressure',
  evaluate: evaluateConnectionPressure,
  rules: [connectionFlood],
});
