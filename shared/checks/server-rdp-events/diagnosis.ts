import { defineCheckDiagnosis } from '../define-diagnosis';
import { ServerRdpEventsFactsSchema } from './catalog';
import { eventKey, SERVER_EVENTS } from '../../diagnosis/timeline-rules';
import type { Evaluation } from '../../diagnosis/types';
import { factsOf } from '../../diagnosis/facts-of';
import type { Rule } from '../../diagnosis/rule-kit';
import type { FixId } from '../../catalog/types';
import type { Finding } from '../../results';
import { RdpCertificateFactsSchema } from '../server-certificate/catalog';

/** Events that by themselves mean the server cannot encrypt Remote Desktop (not floods or alerts). */
const SERIOUS = new Set(['rcm:1057', 'rcm:1058', 'schannel:36870', 'schannel:36871']);

function evaluateServerRdpEvents(raw: unknown): Evaluation {
  const f = ServerRdpEventsFactsSchema.parse(raw);
  const counts = new Map<string, number>();
  for (const e of f.events) if (SERVER_EVENTS[eventKey(e)]) counts.set(eventKey(e), (counts.get(eventKey(e)) ?? 0) + 1);
  const described = [...counts].map(([key, n]) => `${n}x event ${key.split(':')[1]} (${SERVER_EVENTS[key]!.title})`);
  const unread = f.unreadable.length
    ? ` Could not read: ${f.unreadable.map((u) => `${u.log === 'rcm' ? 'Remote Desktop' : 'System'} log (${u.error})`).join('; ')}.`
    : '';
  if ([...counts.keys()].some((k) => SERIOUS.has(k)))
    return { status: 'fail', summary: `In the last 7 days the server logged ${described.join(', ')}.${unread}` };
  if (counts.size > 0) return { status: 'warn', summary: `In the last 7 days the server logged ${described.join(', ')}.${unread}` };
  if (f.unreadable.length === 2) return { status: 'unavailable', summary: `The server's event logs could not be read.${unread}` };
  return {
    status: 'pass',
    summary: `No Remote Desktop certificate, encryption or flood events on the server in the last 7 days.${unread}`,
  };
}

/** Below the same event matched to this computer's own failed attempt (timeline-rules.ts), which is certain. */
const UNMATCHED_EVENT_DISCOUNT = 5;

/**
 * The server's own word on a cause, whether or not this computer's log shows an attempt beside
 * it (the user may have tried from another computer, or cleared the log): one finding per cause,
 * with how often and when the server logged it. The timeline's finding for the same cause merges
 * in when it matched an attempt.
 */
const serverEventsRule: Rule = (r) => {
  const f = factsOf(r['server-rdp-events'], ServerRdpEventsFactsSchema);
  if (!f) return null;
  const byCause = new Map<string, { key: string; n: number; last: string }[]>();
  for (const e of f.events) {
    const meaning = SERVER_EVENTS[eventKey(e)];
    if (!meaning) continue;
    // 36870 names the key either way; the certificate check tells a key file that is gone (timeline-rules.ts).
    const cause = meaning.causeGiven?.(r) ?? meaning.cause;
    const seen = byCause.get(cause) ?? [];
    const same = seen.find((s) => s.key === eventKey(e));
    if (same) {
      same.n += 1;
      // Stryker disable next-line EqualityOperator: at an equal time, keeping either is the same text
      if (e.time > same.last) same.last = e.time;
    } else seen.push({ key: eventKey(e), n: 1, last: e.time });
    byCause.set(cause, seen);
  }
  // Windows makes a new self-signed certificate on its own once the old one and its key are gone:
  // that fix acts only on a listener that uses one (SSLCertificateSHA1HashType 1).
  const selfSigned = factsOf(r['server-certificate'], RdpCertificateFactsSchema)?.hashType === 1;
  return [...byCause].map(([cause, events]): Finding => {
    const strongest = events.map((e) => SERVER_EVENTS[e.key]!).sort((a, b) => b.score - a.score)[0]!;
    const fixIds: FixId[] = cause === 'certificate-unusable' && selfSigned ? ['regenerate-rdp-certificate'] : [];
    return {
      id: cause,
      title: `The server logged that it ${strongest.title}`,
      plain: `In the last 7 days the server wrote down that ${strongest.plain}.`,
      technical: events.map((e) => `${SERVER_EVENTS[e.key]!.technical}: ${e.n} time${e.n === 1 ? '' : 's'}, last at ${e.last}`).join('; '),
      likelihood: 'likely',
      score: strongest.score - UNMATCHED_EVENT_DISCOUNT,
      evidence: events.map((e) => ({
        checkId: 'server-rdp-events',
        label: 'Logged by the server (last 7 days)',
        value: `${e.n}x event ${e.key.split(':')[1]} (${SERVER_EVENTS[e.key]!.title}), last at ${e.last}`,
      })),
      fixIds,
    };
  });
};

export const serverRdpEventsDiagnosis = defineCheckDiagnosis({
  id: 'server-rdp-events',
  evaluate: evaluateServerRdpEvents,
  rules: [serverEventsRule],
});
