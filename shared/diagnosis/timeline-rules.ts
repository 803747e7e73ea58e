import { RdpClientLogFactsSchema } from '../checks/client-rdp-log/catalog';
import { ServerRdpEventsFactsSchema, type ServerRdpEvent } from '../checks/server-rdp-events/catalog';
import type { Evidence, Finding } from '../results';
import { attemptsTo, failedAttempt, hex, SOCKET_CLOSED, type Attempt } from '../checks/client-rdp-log/diagnosis';
import { factsOf, nlaStages, probeReportOf } from './facts-of';
import type { Results, Rule } from './rule-kit';
import { certificateKeyMissing } from '../checks/server-certificate/diagnosis';

/*
 * Both ends' logs on one timeline: this computer's Remote Desktop log (always here) and the
 * server's own events (only where the server's checks ran: a 'not-checked' result is never read).
 * A server event within seconds of a failed attempt says why the server closed the connection.
 */

/** What each server event means, for everyone, and the cause (finding id) it is evidence of. */
export const SERVER_EVENTS: Record<
  string,
  {
    title: string;
    plain: string;
    technical: string;
    cause: string;
    score: number;
    /** Another cause than `cause` where the other results show one; undefined: `cause`. */
    causeGiven?: (r: Results) => string | undefined;
  }
> = {
  'rcm:1057': {
    title: 'could not create its certificate',
    plain: 'Remote Desktop on the server could not create its own certificate, so it had nothing to encrypt your connection with',
    technical: 'RemoteConnectionManager 1057: the RD Session Host server failed to create a new self-signed certificate',
    cause: 'certificate-unusable',
    // Says more than 36870 logged beside it: which step failed.
    score: 91,
  },
  'rcm:1058': {
    title: "could not read its certificate's key",
    plain: "Remote Desktop on the server could not read its certificate's private key, so it could not encrypt your connection",
    technical:
      'RemoteConnectionManager 1058: the RD Session Host server failed to replace the expired self-signed certificate or to access its key',
    cause: 'rdp-key-unreadable',
    score: 90,
  },
  'rcm:1006': {
    title: 'was flooded with connections',
    plain: 'the server had too many connections it had not finished setting up, and dropped new ones',
    technical: 'RemoteConnectionManager 1006: a large number of incomplete connection attempts (MaxOutstandingConnections reached)',
    cause: 'connection-flood',
    score: 70,
  },
  'schannel:36870': {
    title: "could not use its certificate's key",
    plain: "the server's encryption could not use its certificate's private key",
    technical: 'System, Schannel 36870: a fatal error occurred when attempting to access the TLS server credential private key',
    cause: 'rdp-key-unreadable',
    // Schannel logs 36870 alike for a key it may not read and for a key file that is gone
    // (0x8009030D; "Troubleshoot Azure VM RDP connection issues by Event ID", 1057 "Keyset does
    // not exist" beside it): the server's own certificate check tells which.
    causeGiven: (r) => (certificateKeyMissing(r) ? 'certificate-unusable' : undefined),
    score: 90,
  },
  'schannel:36871': {
    title: 'could not set up encryption',
    plain: 'the server could not set up its encryption, which happens when the TLS versions it needs are switched off',
    technical:
      'System, Schannel 36871: a fatal error occurred while creating a TLS credential (internal error state 10013: a protocol is disabled)',
    cause: 'tls-disabled',
    score: 85,
  },
  'schannel:36874': {
    title: 'had no encryption method in common with a client',
    plain: 'the server and the connecting computer had no encryption method in common',
    technical: 'System, Schannel 36874: none of the cipher suites the client offered are supported by the server',
    cause: 'tls-refused',
    score: 80,
  },
  'schannel:36888': {
    title: 'broke off an encrypted handshake',
    plain: 'the server broke off the encrypted handshake with an error',
    technical: 'System, Schannel 36888: a fatal alert was generated and sent to the remote endpoint',
    cause: 'tls-refused',
    score: 60,
  },
};

export const eventKey = (e: ServerRdpEvent) => `${e.log}:${e.id}`;

/** How far apart an attempt and a server event may be and still be one story. */
const TIMELINE_WINDOW_MS = 30_000;

interface TimelineEntry {
  /** In this computer's clock (server events shifted by the clock difference the probe measured). */
  time: string;
  side: 'this computer' | 'server';
  what: string;
}

const at = (iso: string) => iso.slice(11, 19);
const seconds = (ms: number) => {
  const s = Math.round(Math.abs(ms) / 1000);
  return `${s} second${s === 1 ? '' : 's'} ${ms >= 0 ? 'after' : 'before'}`;
};

/**
 * One timeline around the last failed attempt to the target, and the server event that explains
 * it: the serious event nearest in time within the window, after aligning the clocks.
 */
function alignAttempt(
  attempts: readonly Attempt[],
  serverEvents: readonly ServerRdpEvent[],
  skewMs: number,
): { timeline: TimelineEntry[]; attemptEnd: string; event: ServerRdpEvent; offsetMs: number } | null {
  // An attempt with no disconnect logged (a licence refusal alone) has no moment to match.
  const failedAttempts = attempts.filter((a) => failedAttempt(a) && a.end !== null);
  for (const attempt of [...failedAttempts].reverse()) {
    const end = Date.parse(attempt.end!);
    const near = serverEvents
      .filter((e) => SERVER_EVENTS[eventKey(e)])
      .map((e) => ({ e, offset: Date.parse(e.time) - skewMs - end }))
      .filter((x) => Math.abs(x.offset) <= TIMELINE_WINDOW_MS)
      .sort((a, b) => SERVER_EVENTS[eventKey(b.e)]!.score - SERVER_EVENTS[eventKey(a.e)]!.score || Math.abs(a.offset) - Math.abs(b.offset));
    const best = near[0];
    if (!best) continue;
    const timeline: TimelineEntry[] = [
      { time: attempt.time, side: 'this computer' as const, what: `connecting to ${attempt.server}` },
      { time: attempt.end!, side: 'this computer' as const, what: `disconnected, reason ${attempt.reason} (${hex(attempt.reason ?? 0)})` },
      ...near.map(({ e, offset }) => ({
        time: new Date(end + offset).toISOString(),
        side: 'server' as const,
        what: `event ${e.id}: ${SERVER_EVENTS[eventKey(e)]!.title}`,
      })),
    ].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    return { timeline, attemptEnd: attempt.end!, event: best.e, offsetMs: best.offset };
  }
  return null;
}

const timelineRule: Rule = (r) => {
  const log = factsOf(r['client-rdp-log'], RdpClientLogFactsSchema);
  const server = factsOf(r['server-rdp-events'], ServerRdpEventsFactsSchema);
  if (!log || !server) return null;
  const report = probeReportOf(r);
  const skewMs = (report ? nlaStages(report).find((n) => n.challenge?.clockSkewMs != null)?.challenge!.clockSkewMs : null) ?? 0;
  const attempts = attemptsTo(log);
  const found = alignAttempt(attempts, server.events, skewMs);
  if (!found) return null;
  const meaning = SERVER_EVENTS[eventKey(found.event)]!;
  const socketClosed = attempts.some((a) => a.end === found.attemptEnd && a.reason === SOCKET_CLOSED);
  const lines = found.timeline.map((t) => `${at(t.time)} ${t.side}: ${t.what}`);
  const verdict = `The server ${meaning.title}: server event ${found.event.id} ${seconds(found.offsetMs)} your attempt ended${socketClosed ? ' with 0x904' : ''}.`;
  const evidence: Evidence[] = [
    { checkId: 'server-rdp-events', label: 'What the server logged', value: verdict },
    { checkId: 'client-rdp-log', label: 'One timeline (this computer and the server)', value: lines.join(' | ') },
  ];
  const finding: Finding = {
    id: meaning.causeGiven?.(r) ?? meaning.cause,
    title: `The server logged why it closed your connection: it ${meaning.title}`,
    plain: `Your attempt ended at ${at(found.attemptEnd)}${socketClosed ? ' with error 0x904' : ''}, and ${seconds(found.offsetMs)} that the server wrote down that ${meaning.plain}. That is why the connection was closed.`,
    technical: `${meaning.technical}. Aligned with RDPClient/Operational 1024/1026 on this computer${skewMs ? ` (server clock ${Math.round(skewMs / 1000)} s ahead, from the NTLM timestamp)` : ''}: ${lines.join('; ')}.`,
    likelihood: 'certain',
    score: meaning.score,
    evidence,
    fixIds: [],
  };
  return finding;
};

export const timelineRules: Rule[] = [timelineRule];
