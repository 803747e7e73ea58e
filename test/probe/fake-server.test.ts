import { describe, expect, it } from 'vitest';
import { probeTarget } from '../../electron/main/probe/probe';
import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import { ProbeReportSchema, type ProbeReport } from '../../shared/probe-facts';
import { readTsRequest } from '../../electron/main/probe/credssp';
import { confirm, type Behaviour } from '../harness/fake-rdp-server';
import { useFakeServers } from './fake-servers';

/** Answers xrdp never gives, and servers that try to hang or crash the probe. */

const servers = useFakeServers();

async function probe(
  b: Behaviour,
  options: { timeoutMs?: number; stageTimeoutMs?: number } = {},
): Promise<{ r: ProbeReport; ms: number; ids: string[] }> {
  const srv = await servers.start(b);
  const t = performance.now();
  const r = await probeTarget('127.0.0.1', {
    port: srv.port,
    timeoutMs: options.timeoutMs ?? 4000,
    stageTimeoutMs: options.stageTimeoutMs,
  });
  const ms = performance.now() - t;
  expect(ProbeReportSchema.safeParse(r).success).toBe(true);
  return { r, ms, ids: probeFindings(r).map((f) => f.id) };
}

const nla = { kind: 'windows', supports: 0x2 | 0x8, allowRdp: false, noMatchFailure: 5 } as const;

describe('answers only Windows gives', () => {
  it('NLA required: HYBRID and HYBRID_EX selected, RDP and SSL refused with failure 5, TLS on the HYBRID socket', async () => {
    const { r, ids } = await probe(nla);
    const a = r.addresses[0]!;
    expect(a.accepted).toEqual({ RDP: 'no', SSL: 'no', HYBRID: 'yes', RDSTLS: 'no', HYBRID_EX: 'yes' });
    expect(a.negotiation.find((n) => n.requested === 0)?.confirm).toMatchObject({
      kind: 'failure',
      code: 5,
      codeName: 'HYBRID_REQUIRED_BY_SERVER',
    });
    expect(a.tls).toMatchObject({ outcome: 'ok', version: 'TLSv1.3' });
    // Its sign-in stage answered with an NTLM CHALLENGE: requiring NLA is then normal, no finding.
    expect(ids).not.toContain('nla-required');
    expect(ids).toEqual(['handshake-works']);
    expect(probeVerdict(r).severity).toBe('ok');
  });

  it('inside TLS sends one TSRequest with an NTLM NEGOTIATE and nothing more: no AUTHENTICATE, no credentials', async () => {
    const record = { secured: 0, appBytes: 0, received: [] as Buffer[] };
    await probe({ ...nla, record });
    await new Promise((r) => setTimeout(r, 50));
    expect(record.secured).toBeGreaterThanOrEqual(1);
    const sent = Buffer.concat(record.received);
    expect(sent.length).toBe(record.appBytes);
    const read = readTsRequest(sent, true);
    if (!read.done || !read.ok) throw new Error('the probe did not send a well-formed TSRequest');
    // Exactly one message on one connection (only the HYBRID request goes on to CredSSP).
    expect(read.consumed).toBe(sent.length);
    expect(read.request.negoToken?.subarray(0, 12)).toEqual(Buffer.from('NTLMSSP\0\x01\0\0\0', 'latin1'));
    // NEGOTIATE_MESSAGE with empty DomainName and Workstation fields: nothing about the asker.
    expect(read.request.negoToken!.subarray(16, 32)).toEqual(Buffer.alloc(16));
  });

  it('TLS 1.0-only server (pre-KB3080079): old-server TLS path', async () => {
    const { r, ids } = await probe({
      kind: 'windows',
      supports: 0x3,
      allowRdp: true,
      noMatchFailure: 2,
      tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1' },
    });
    expect(r.addresses[0]!.tlsVersions.map((v) => [v.version, v.accepted])).toEqual([
      ['TLSv1.3', 'no'],
      ['TLSv1.2', 'no'],
      ['TLSv1.1', 'no'],
      ['TLSv1', 'yes'],
    ]);
    expect(ids[0]).toBe('old-tls-only');
  });

  it('the TLS version sweep rides on the requests that offer SSL: 5 connections, not 8', async () => {
    const srv = await servers.start({
      kind: 'windows',
      supports: 0x1,
      allowRdp: true,
      noMatchFailure: 2,
      tls: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' },
    });
    const r = await probeTarget('127.0.0.1', { port: srv.port, timeoutMs: 4000 });
    const a = r.addresses[0]!;
    expect(a.tlsVersions.map((v) => [v.version, v.accepted])).toEqual([
      ['TLSv1.3', 'no'],
      ['TLSv1.2', 'yes'],
      ['TLSv1.1', 'no'],
      ['TLSv1', 'no'],
    ]);
    expect(a.accepted).toEqual({ RDP: 'yes', SSL: 'yes', HYBRID: 'no', RDSTLS: 'no', HYBRID_EX: 'no' });
    // The certificate and cipher shown are those of the main (mstsc) handshake, not a pinned one.
    expect(a.tls).toMatchObject({ outcome: 'ok', version: 'TLSv1.2' });
    expect(srv.connections()).toBe(5);
  });

  it('versions no request could carry (the server answers them without TLS) get their own connection', async () => {
    // NLA-only: SSL, RDSTLS requests are refused with failure 5; only HYBRID_EX comes back with TLS.
    const srv = await servers.start({ kind: 'windows', supports: 0x2 | 0x8, allowRdp: false, noMatchFailure: 5 });
    const r = await probeTarget('127.0.0.1', { port: srv.port, timeoutMs: 4000 });
    expect(r.addresses[0]!.tlsVersions.map((v) => [v.version, v.accepted])).toEqual([
      ['TLSv1.3', 'yes'],
      ['TLSv1.2', 'yes'],
      ['TLSv1.1', 'no'],
      ['TLSv1', 'no'],
    ]);
    // 5 requests, one version carried by HYBRID_EX, two on connections of their own.
    expect(srv.connections()).toBe(7);
  });

  it.each([
    ['failure-2', 'SSL_NOT_ALLOWED_BY_SERVER', 'rdp-security-only'],
    ['failure-5', 'HYBRID_REQUIRED_BY_SERVER', null],
    ['failure-6', 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER', 'user-auth-required'],
    ['failure-99', 'UNKNOWN_FAILURE_99', 'unknown-negotiation-failure'],
  ] as const)('%s is named %s', async (b, name, finding) => {
    const { r, ids } = await probe(b);
    expect(r.addresses[0]!.negotiation[0]!.confirm).toMatchObject({ kind: 'failure', codeName: name });
    if (finding) expect(ids).toContain(finding);
    expect(probeVerdict(r).severity).toBe('refused');
  });

  it('RDP-only Windows answers failure 2 to SSL requests', async () => {
    const { r, ids } = await probe({ kind: 'windows', supports: 0, allowRdp: true, noMatchFailure: 2 });
    expect(r.addresses[0]!.accepted).toMatchObject({ RDP: 'yes', SSL: 'no', HYBRID: 'no' });
    expect(r.addresses[0]!.negotiation.find((n) => n.requested === 1)?.confirm).toMatchObject({ kind: 'failure', code: 2 });
    expect(ids[0]).toBe('rdp-security-only');
  });

  it('legacy server with the 11-byte confirm', async () => {
    const { r, ids } = await probe('legacy');
    expect(r.addresses[0]!.negotiation.every((n) => n.confirm.kind === 'legacy')).toBe(true);
    expect(r.addresses[0]!.accepted).toMatchObject({ RDP: 'yes', SSL: 'no' });
    expect(ids[0]).toBe('rdp-security-only');
  });
});

describe('TLS stage failures', () => {
  it.each([
    ['reset', 'reset', 'tls-reset'],
    ['close', 'closed', 'tls-reset'],
    ['garbage', 'not-tls', 'tls-broken'],
    ['silent', 'timeout', 'tls-stalled'],
    ['flood', 'not-tls', 'tls-broken'],
    ['drip', 'timeout', 'tls-stalled'],
  ] as const)('server selects SSL, then %s: %s', async (afterSelect, outcome, finding) => {
    const { r, ms, ids } = await probe(
      { kind: 'windows', supports: 0x1, allowRdp: false, noMatchFailure: 1, afterSelect },
      { stageTimeoutMs: 400 },
    );
    expect(r.addresses[0]!.tls?.outcome).toBe(outcome);
    expect(ids[0]).toBe(finding);
    expect(probeVerdict(r).severity).toBe('refused');
    expect(ms).toBeLessThan(4000);
  });
});

describe('hostile or foreign servers end in a classified outcome within the limits', () => {
  it.each([
    ['http', 'not-rdp', 'not-rdp'],
    ['ssh', 'not-rdp', 'not-rdp'],
    ['tls-alert', 'not-rdp', 'not-rdp'],
    ['garbage', 'not-rdp', 'not-rdp'],
    ['close-on-connect', 'closed', 'closed-before-negotiation'],
    ['reset-after-request', 'reset', 'closed-before-negotiation'],
    ['close-after-request', 'closed', 'closed-before-negotiation'],
    ['truncated-close', 'closed', 'closed-before-negotiation'],
    ['silent', 'silent', 'no-answer-after-connect'],
    ['slow-drip', 'silent', 'no-answer-after-connect'],
    ['huge-length', 'malformed', 'broken-rdp-reply'],
    ['flood', 'not-rdp', 'not-rdp'],
    ['malformed-li', 'malformed', 'broken-rdp-reply'],
    ['malformed-type', 'malformed', 'broken-rdp-reply'],
    ['x224-disconnect', 'rejected', 'refused-without-reason'],
  ] as const)('%s', async (b, kinds, finding) => {
    const { r, ms, ids } = await probe(b, { timeoutMs: 3000, stageTimeoutMs: 500 });
    const main = r.addresses[0]!.negotiation[0]!.confirm;
    // Only an RDP-speaking first answer makes the rest worth asking (two were already under way).
    expect(r.addresses[0]!.negotiation.length).toBe(b === 'x224-disconnect' ? 5 : 2);
    expect(kinds.split('|')).toContain(main.kind);
    expect(ids[0]).toBe(finding);
    expect(r.interrupted).toBeNull();
    expect(ms).toBeLessThan(3000);
  });
});

it('a server that resets every connection as it is accepted hangs up before negotiation', async () => {
  const { r, ids } = await probe('reset-on-connect', { timeoutMs: 3000, stageTimeoutMs: 500 });
  // Depending on timing the reset lands in the port stage or in the first read; the cause is the same.
  const kind = r.addresses[0]?.negotiation[0]?.confirm.kind ?? r.tcp.attempts[0]?.error;
  expect(['reset', 'closed', 'ECONNRESET']).toContain(kind);
  expect(ids[0]).toBe('closed-before-negotiation');
  expect(probeVerdict(r).severity).toMatch(/refused|unreachable/);
});

describe('timeouts and cancellation', () => {
  it('an overall timeout shorter than the stages stops everything and says so', async () => {
    const srv = await servers.start('silent');
    const t = performance.now();
    const r = await probeTarget('127.0.0.1', { port: srv.port, timeoutMs: 300, stageTimeoutMs: 10_000 });
    expect(performance.now() - t).toBeLessThan(800);
    expect(r.interrupted).toBe('timeout');
    expect(r.addresses[0]!.negotiation.every((n) => n.confirm.kind === 'cancelled')).toBe(true);
  });

  it('an AbortSignal cancels a probe in flight', async () => {
    const srv = await servers.start('silent');
    const abort = new AbortController();
    const stages: string[] = [];
    setTimeout(() => abort.abort(), 100);
    const t = performance.now();
    const r = await probeTarget('127.0.0.1', {
      port: srv.port,
      signal: abort.signal,
      onProgress: (p) => stages.push(`${p.stage}:${p.state}`),
    });
    expect(performance.now() - t).toBeLessThan(600);
    expect(r.interrupted).toBe('cancelled');
    expect(stages.slice(0, 4)).toEqual(['dns:running', 'dns:done', 'tcp:running', 'tcp:done']);
    expect(probeVerdict(r).severity).toBe('incomplete');
  });

  it('a throwing progress listener does not break the probe', async () => {
    const srv = await servers.start(nla);
    const r = await probeTarget('127.0.0.1', {
      port: srv.port,
      onProgress: () => {
        throw new Error('listener bug');
      },
    });
    expect(r.addresses[0]!.accepted.HYBRID).toBe('yes');
  });

  it('opens at most two connections at once to one server', async () => {
    let now = 0;
    let peak = 0;
    const srv = await servers.start((socket) => {
      // Counted from the request to the close: connections in the kernel's accept queue do not load the server.
      socket.once('data', () => {
        peak = Math.max(peak, ++now);
        socket.once('close', () => now--);
        setTimeout(() => socket.end(Buffer.from([3, 0, 0, 19, 14, 0xd0, 0, 0, 0, 0, 0, 2, 0, 8, 0, 0, 0, 0, 0])), 20);
      });
    });
    await probeTarget('127.0.0.1', { port: srv.port });
    expect(peak).toBe(2);
    // The port stage's connection carries the first request: five requests, five connections.
    expect(srv.connections()).toBe(5);
  });

  it('a connection stuck in TLS does not hold back the other requests, and still at most two wait for an answer', async () => {
    let waiting = 0;
    let peakWaiting = 0;
    let answered = 0;
    let answeredWhileFirstOpen: number | null = null;
    let first = true;
    const srv = await servers.start((socket) => {
      // Waiting: from the accept to the Confirm. Then the server selects SSL and never says
      // ServerHello, so the probe's TLS stage sits there until its stage timeout.
      peakWaiting = Math.max(peakWaiting, ++waiting);
      if (first) socket.once('end', () => (answeredWhileFirstOpen ??= answered)).once('close', () => (answeredWhileFirstOpen ??= answered));
      first = false;
      socket.once('data', () => {
        setTimeout(() => {
          waiting--;
          answered++;
          socket.write(confirm(2, 1));
        }, 20);
      });
    });
    const r = await probeTarget('127.0.0.1', { port: srv.port, stageTimeoutMs: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.addresses[0]!.negotiation).toHaveLength(5);
    expect(r.addresses[0]!.tls?.outcome).toBe('timeout');
    expect(peakWaiting).toBe(2);
    // Every request was answered while the first connection still waited in its TLS stage.
    expect(answeredWhileFirstOpen).toBe(5);
  });

  it('a resolver that throws, a port out of range, and DNS slower than the timeout all end in a report', async () => {
    const thrown = await probeTarget('x.example', {
      resolve: async () => Promise.reject(Object.assign(new Error('boom'), { code: 'ESERVFAIL' })),
    });
    expect(thrown.dns.error).toBe('ESERVFAIL');
    const badPort = await probeTarget('127.0.0.1', { port: 70_000 });
    expect(badPort.tcp.attempts[0]).toMatchObject({ state: 'error', error: 'ERR_SOCKET_BAD_PORT' });
    const t = performance.now();
    const slow = await probeTarget('slow.example', { timeoutMs: 200, resolve: () => new Promise(() => {}) });
    expect(performance.now() - t).toBeLessThan(500);
    expect(slow).toMatchObject({ interrupted: 'timeout', dns: { error: 'timeout' } });
    expect(probeVerdict(slow).severity).toBe('incomplete');
  });

  it('a name that does not resolve', async () => {
    const r = await probeTarget('no-such-host.invalid', { resolve: async (host) => ({ host, addresses: [], error: 'ENOTFOUND' }) });
    expect(probeFindings(r)[0]?.id).toBe('name-does-not-resolve');
    expect(probeVerdict(r)).toMatchObject({ severity: 'unresolved' });
  });
});
