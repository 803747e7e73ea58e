import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { plainReason } from '../../diagnosis/reported-error-codes';
import { isoDay } from '../../days';
import { byNetwork, plural } from '../client-kit';
import { type RdpClientEvent, type RdpClientLogFacts, RdpClientLogFactsSchema } from './catalog';

export const SOCKET_CLOSED = 2308;

/** Reasons that end a session normally: not failures. */
const NORMAL_REASONS = new Set([0, 1, 2, 3]);

export const hex = (n: number) => `0x${n.toString(16).toUpperCase()}`;

/** The 1026 reason (IMsTscAxEvents::OnDisconnected, decimal) in words, from the one table of codes. */
export const describeReason = (n: number) => `${n} (${hex(n)}): ${plainReason(n) ?? 'an error code without a documented meaning'}`;

export interface Attempt {
  time: string;
  server: string;
  /** Reached the logon stage (1027) or connected (1025). */
  connected: boolean;
  /** The 1026 reason, null when the attempt has no disconnect event yet. */
  reason: number | null;
  /** When that 1026 was logged (the server's events are matched to it); null without one. */
  end: string | null;
  /** Windows logged 1017: the server refused this computer's Remote Desktop license. */
  licenseRefused: boolean;
}

/** Pairs each 1024 with the events of the same attempt (activity id, else the following ones). */
export function attemptsOf(events: readonly RdpClientEvent[]): Attempt[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const attempts: Array<Attempt & { activityId: string | null }> = [];
  for (const e of sorted) {
    if (e.id === 1024) {
      attempts.push({
        time: e.time,
        server: e.server ?? '',
        connected: false,
        reason: null,
        end: null,
        licenseRefused: false,
        activityId: e.activityId,
      });
      continue;
    }
    const owner =
      (e.activityId ? attempts.find((a) => a.activityId === e.activityId) : undefined) ?? (e.activityId ? undefined : attempts.at(-1));
    if (!owner) continue;
    if (e.id === 1025 || e.id === 1027) owner.connected = true;
    if (e.id === 1026 && owner.reason === null) {
      owner.reason = e.reason;
      owner.end = e.time;
    }
    if (e.id === 1017) owner.licenseRefused = true;
  }
  return attempts.map(({ activityId: _a, ...rest }) => rest);
}

const sameServer = (server: string, host: string, port: number) => {
  const s = server.toLowerCase();
  const h = host.toLowerCase();
  return s === h || s === `${h}:${port}`;
};

/** The attempts to the target only, oldest first. */
export function attemptsTo(f: RdpClientLogFacts): Attempt[] {
  return attemptsOf(f.events).filter((a) => sameServer(a.server, f.host, f.port));
}

export const failedAttempt = (a: Attempt) => a.licenseRefused || (!a.connected && a.reason !== null && !NORMAL_REASONS.has(a.reason));

/** The last attempt to the target ended without a license (event 1017). */
export const lastAttemptLicenseRefused = (f: RdpClientLogFacts) => attemptsTo(f).at(-1)?.licenseRefused === true;

function evaluateRdpLog(raw: unknown): Evaluation {
  const f = RdpClientLogFactsSchema.parse(raw);
  if (!f.logEnabled) return { status: 'skipped', summary: 'The Remote Desktop client log is turned off on this computer.' };
  const attempts = attemptsTo(f);
  const last = attempts.at(-1);
  if (!last) return { status: 'pass', summary: `The Remote Desktop log has no attempt to connect to ${f.host} in the last 30 days.` };
  const when = `${isoDay(last.time)} ${last.time.slice(11, 16)} UTC`;
  if (last.licenseRefused) {
    return {
      status: 'warn',
      summary: `The last attempt to ${f.host} (${when}) ended without a license: Windows logged that this computer has no Remote Desktop license for that server (event 1017).`,
    };
  }
  // Not refused a license: a failed attempt has its disconnect reason.
  if (failedAttempt(last)) {
    const failures = attempts.filter(failedAttempt).length;
    return {
      status: 'warn',
      summary: `The last attempt to ${f.host} (${when}) ended with code ${describeReason(last.reason!)}. ${plural(failures, 'failed attempt')} of ${attempts.length} in 30 days.`,
    };
  }
  return { status: 'pass', summary: `The last attempt to ${f.host} (${when}) ${last.connected ? 'connected' : 'did not fail'}.` };
}

/** The log shows that the real error is not 0x904 at all: say what it is. */
const logShowsOtherError: Rule = (r, ctx) => {
  const log = r['client-rdp-log'];
  const l = factsOf(log, RdpClientLogFactsSchema);
  if (!log || !l) return null;
  const last = attemptsTo(l).at(-1);
  if (!last || !failedAttempt(last) || last.licenseRefused) return null;
  // Failed, and not for a license: it has its disconnect reason.
  const reason = last.reason!;
  if (reason === SOCKET_CLOSED) return null;
  const unreachable = [264, 516, 1796].includes(reason);
  return {
    id: 'log-shows-other-error',
    title: `Remote Desktop logged a different error: ${hex(reason)}`,
    plain:
      `The last attempt on this computer did not end with 0x904 but with ${describeReason(reason)}. Fix that first: the advice for 0x904 may not apply.` +
      (unreachable
        ? byNetwork(ctx, {
            home: 'Check that the server is on and that your router forwards the port.',
            vpn: 'Check that the VPN is connected and lets you reach that server.',
            azure:
              'For an Azure VM, check the network security group (NSG) rules allow your address on the Remote Desktop port, and Just-in-time access if it is on.',
            domain: 'Check that the server is on and reachable from your office network.',
          })
        : ''),
    technical: `RDPClient/Operational event 1026 at ${last.time}: disconnect reason ${reason} (${hex(reason)}), not 2308 (0x904). Reason codes: IMsTscAxEvents::OnDisconnected.`,
    likelihood: 'possible',
    score: 40,
    evidence: [evidenceOf(log, 'Remote Desktop log')],
    fixIds: [],
  };
};

export const clientRdpLogDiagnosis = defineCheckDiagnosis({
  id: 'client-rdp-log',
  evaluate: evaluateRdpLog,
  rules: [logShowsOtherError],
});
