import { defineCheckDiagnosis } from '../define-diagnosis';
import { ServerRdpEventsFactsSchema } from './catalog';
import { eventKey, SERVER_EVENTS } from '../../diagnosis/timeline-rules';
import type { Evaluation } from '../../diagnosis/types';

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

export const serverRdpEventsDiagnosis = defineCheckDiagnosis({
  id: 'server-rdp-events',
  evaluate: evaluateServerRdpEvents,
  rules: [],
  informs: "Its events become evidence of other findings, beside the client's own attempts (shared/diagnosis/timeline-rules.ts).",
});
