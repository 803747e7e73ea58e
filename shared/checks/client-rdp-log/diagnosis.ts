import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { evidenceOf, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import { isoDay } from '../../days';
import { byNetwork, plural } from '../client-kit';
import { type RdpClientEvent, type RdpClientLogFacts, RdpClientLogFactsSchema } from './catalog';

/** IMsTscAxEvents::OnDisconnected reason codes (decimal), in plain English. */
const DISCONNECT_REASONS: Record<number, string> = {
  0: 'no information',
  1: 'you disconnected (not an error)',
  2: 'the remote user disconnected (not an error)',
  3: 'the server ended the session (not an error)',
  260: 'the computer name could not be looked up (DNS)',
  262: 'out of memory',
  264: 'the connection timed out',
  516: 'the connection could not be made (nothing answered on the port)',
  518: 'out of memory',
  520: 'the computer was not found',
  772: 'sending data failed',
  776: 'the IP address is not valid',
  1028: 'receiving data failed',
  1030: 'the security data is not valid',
  1032: 'internal error',
  1286: 'the encryption method is not valid',
  1288: 'the DNS lookup failed',
  1540: 'the computer was not found',
  1542: "the server's security data is not valid",
  1544: 'internal timer error',
  1796: 'a timeout occurred',
  1798: "the server's certificate could not be read",
  2052: 'the IP address is not valid',
  2055: 'the sign-in failed (user name or password)',
  2308: 'socket closed: the server closed the connection during security setup (0x904; with extended code 0x7 "the server denied the connection")',
  2310: 'internal security error',
  2566: 'internal security error',
  2822: 'encryption error',
  3078: 'decryption error',
  3080: 'decompression error',
};

export const SOCKET_CLOSED = 2308;

/** Reasons that end a session normally: not failures. */
const NORMAL_REASONS = new Set([0, 1, 2, 3]);

export const hex = (n: number) => `0x${n.toString(16).toUpperCase()}`;

export const describeReason = (n: number) => `${n} (${hex(n)}): ${DISCONNECT_REASONS[n] ?? 'an error code without a documented meaning'}`;

export interface Attempt {
  time: string;
  server: string;
  /** Reached the logon stage (1027) or connected (1025). */
  connected: boolean;
  /** The 1026 reason, null when the attempt has no disconnect event yet. */
  reason: number | null;
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
        licenseRefused: false,
        activityId: e.activityId,
      });
      continue;
    }
    const owner =
      (e.activityId ? attempts.find((a) => a.activityId === e.activityId) : undefined) ?? (e.activityId ? undefined : attempts.at(-1));
    if (!owner) continue;
    if (e.id === 1025 || e.id === 1027) owner.connected = true;
    if (e.id === 1026 && owner.reason === null) owner.reason = e.reason;
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
  if (failedAttempt(last) && last.reason !== null) {
    const failures = attempts.filter(failedAttempt).length;
    return {
      status: 'warn',
      summary: `The last attempt to ${f.host} (${when}) ended with code ${describeReason(last.reason)}. ${plural(failures, 'failed attempt')} of ${attempts.length} in 30 days.`,
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
  if (!last || !failedAttempt(last) || last.licenseRefused || last.reason === null || last.reason === SOCKET_CLOSED) return null;
  const unreachable = [264, 516, 1796].includes(last.reason);
  return {
    id: 'log-shows-other-error',
    title: `Remote Desktop logged a different error: ${hex(last.reason)}`,
    plain:
      `The last attempt on this computer did not end with 0x904 but with ${describeReason(last.reason)}. Fix that first: the advice for 0x904 may not apply.` +
      (unreachable
        ? byNetwork(ctx, {
            home: 'Check that the server is on and that your router forwards the port.',
            vpn: 'Check that the VPN is connected and lets you reach that server.',
            azure:
              'For an Azure VM, check the network security group (NSG) rules allow your address on the Remote Desktop port, and Just-in-time access if it is on.',
            domain: 'Check that the server is on and reachable from your office network.',
          })
        : ''),
    technical: `RDPClient/Operational event 1026 at ${last.time}: disconnect reason ${last.reason} (${hex(last.reason)}), not 2308 (0x904). Reason codes: IMsTscAxEvents::OnDisconnected.`,
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
