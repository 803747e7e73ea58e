import type { Socket } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiate } from '../../electron/main/probe/handshake';
import { classifyTlsError } from '../../electron/main/probe/tls';
import { parseConnectionConfirm } from '../../electron/main/probe/x224';
import { limiter } from '../../electron/main/probe/limit';
import { probeFindings, probeVerdict } from '../../shared/diagnosis/probe-verdict';
import { ConfirmSchema, TlsHandshakeSchema, TlsOutcomeSchema, type Confirm } from '../../shared/probe-facts';
import { confirm as confirmBytes, startFakeServer, type FakeServer } from '../harness/fake-rdp-server';

/**
 * Every reply, however broken, ends in a classified outcome: no throw, no "need more" once the
 * stream has ended, no hang. 12,000 parser cases fed in random chunk splits, then a few hundred
 * replies over real loopback sockets, for the X.224 stage and the TLS stage.
 */

const valid = [
  confirmBytes(2, 0),
  confirmBytes(2, 1, 1),
  confirmBytes(2, 2),
  confirmBytes(2, 8),
  ...[1, 2, 3, 4, 5, 6].map((c) => confirmBytes(3, c)),
  Buffer.from([3, 0, 0, 11, 6, 0xd0, 0, 0, 0x12, 0x34, 0]),
  Buffer.from([3, 0, 0, 9, 2, 0xf0, 0x80, 0x21, 0x80]),
];

/** A valid confirm with bytes flipped, cut short, extended or with its lengths rewritten. */
const mutated = fc
  .record({
    base: fc.constantFrom(...valid),
    flips: fc.array(fc.record({ at: fc.nat(40), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
    cut: fc.option(fc.nat(40)),
    tail: fc.uint8Array({ maxLength: 24 }),
    tpktLength: fc.option(fc.integer({ min: 0, max: 0xffff })),
  })
  .map(({ base, flips, cut, tail, tpktLength }) => {
    let b = Buffer.concat([base, Buffer.from(tail)]);
    for (const f of flips) if (f.at < b.length) b[f.at] = f.value;
    if (tpktLength !== null && b.length >= 4) b.writeUInt16BE(tpktLength, 2);
    if (cut !== null) b = b.subarray(0, cut);
    return b;
  });

const random = fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a));

/** Feeds a reply in chunks as the socket loop does, then as a final read. */
function feed(bytes: Buffer, cuts: number[]): Confirm {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let seen = Buffer.alloc(0);
  let from = 0;
  for (const p of [...points, bytes.length]) {
    seen = Buffer.concat([seen, bytes.subarray(from, p)]);
    from = p;
    const r = parseConnectionConfirm(seen, false);
    if (r.done) return r.confirm;
  }
  const last = parseConnectionConfirm(seen, true);
  if (!last.done) throw new Error('final parse asked for more');
  return last.confirm;
}

describe('parser fuzz', () => {
  it.each([
    ['random bytes', random],
    ['mutated confirms', mutated],
  ])('%s: 6,000 replies, each classified', (_name, arb) => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(arb, fc.array(fc.nat(200), { maxLength: 6 }), (bytes, cuts) => {
        const c = feed(bytes, cuts);
        kinds.add(c.kind);
        return ConfirmSchema.safeParse(c).success;
      }),
      { numRuns: 6000 },
    );
    // Not a blind fuzzer: the mutations reach most outcomes.
    expect(kinds.size).toBeGreaterThanOrEqual(3);
  });

  it('TLS-stage errors always map to a known outcome', () => {
    fc.assert(
      fc.property(
        fc.record({
          code: fc.option(
            fc.oneof(
              fc.string(),
              fc.constantFrom('ECONNRESET', 'EPIPE', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'),
            ),
            { nil: undefined },
          ),
          syscall: fc.option(fc.string(), { nil: undefined }),
        }),
        (e) => TlsOutcomeSchema.safeParse(classifyTlsError(e)).success,
      ),
      { numRuns: 2000 },
    );
  });
});

describe('loopback fuzz', () => {
  let server: FakeServer;
  /** Per connection, what the server does next; the test queues one script per probe. */
  const scripts: ((s: Socket) => void)[] = [];

  beforeAll(async () => {
    server = await startFakeServer((socket) => {
      const script = scripts.shift();
      socket.once('data', () => script?.(socket));
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  // 'stay' (the server goes quiet) costs a whole stage timeout, so it is the rarer ending.
  const ending = fc.oneof(
    { arbitrary: fc.constant('end'), weight: 2 },
    { arbitrary: fc.constant('reset'), weight: 2 },
    { arbitrary: fc.constant('stay'), weight: 1 },
  );
  const finish = (s: Socket, how: string) => (how === 'end' ? s.end() : how === 'reset' ? s.resetAndDestroy() : undefined);

  const limits = (port: number) => ({
    host: '127.0.0.1',
    address: '127.0.0.1',
    port,
    connectTimeoutMs: 2000,
    stageTimeoutMs: 1000,
    signal: new AbortController().signal,
    now: () => new Date(),
  });

  it('300 hostile X.224 replies over sockets, each classified within its deadline', async () => {
    const cases = fc.sample(fc.tuple(fc.oneof(random, mutated), fc.array(fc.nat(40), { maxLength: 3 }), ending), {
      numRuns: 300,
      seed: 904,
    });
    const run = limiter(40);
    const results = await Promise.all(
      cases.map(([bytes, cuts, how]) =>
        run(async () => {
          scripts.push((s) => {
            let from = 0;
            for (const c of [...cuts].sort((a, b) => a - b)) {
              s.write(bytes.subarray(from, Math.max(from, c)));
              from = Math.max(from, c);
            }
            s.write(bytes.subarray(from), () => finish(s, how));
          });
          const t = performance.now();
          const a = await negotiate(limits(server.port), 0x3, null);
          return { a, ms: performance.now() - t };
        }),
      ),
    );
    for (const { a, ms } of results) {
      expect(ConfirmSchema.safeParse(a.confirm).success).toBe(true);
      // Connect plus one stage timeout, with room for a loaded CI machine.
      expect(ms).toBeLessThan(4000);
    }
  });

  it('200 hostile TLS-stage replies after SSL is selected, each classified', async () => {
    const tlsish = fc.oneof(
      random,
      // Records that start like TLS (handshake, alert) with broken bodies and lengths.
      fc
        .tuple(fc.constantFrom(0x15, 0x16, 0x17), fc.constantFrom(1, 3), fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 64 }))
        .map(([type, maj, min, body]) =>
          Buffer.concat([Buffer.from([type, maj, min, body.length >> 8, body.length & 0xff]), Buffer.from(body)]),
        ),
      fc.constant(Buffer.from([0x16, 3, 3, 0xff, 0xff])),
    );
    const cases = fc.sample(fc.tuple(tlsish, ending), { numRuns: 200, seed: 7 });
    const run = limiter(40);
    const results = await Promise.all(
      cases.map(([bytes, how]) =>
        run(async () => {
          scripts.push((s) => {
            s.write(confirmBytes(2, 1));
            s.once('data', () => s.write(bytes, () => finish(s, how)));
          });
          return negotiate(limits(server.port), 0x3, { version: null });
        }),
      ),
    );
    const outcomes = new Set<string>();
    for (const a of results) {
      expect(a.confirm).toMatchObject({ kind: 'selected', protocol: 1 });
      expect(TlsHandshakeSchema.safeParse(a.tls).success).toBe(true);
      expect(a.tls!.outcome).not.toBe('ok');
      outcomes.add(a.tls!.outcome);
      // Findings and the verdict are total too.
      const report = {
        version: 1 as const,
        target: { host: '127.0.0.1', port: 1 },
        startedAt: new Date().toISOString(),
        durationMs: 1,
        dns: { host: '127.0.0.1', addresses: [{ address: '127.0.0.1', family: 4 as const }], error: null },
        tcp: { port: 1, attempts: [{ address: '127.0.0.1', state: 'open' as const, ms: 1, error: null }] },
        addresses: [
          {
            address: '127.0.0.1',
            family: 4 as const,
            negotiation: [a],
            accepted: {
              RDP: 'unknown' as const,
              SSL: 'yes' as const,
              HYBRID: 'no' as const,
              RDSTLS: 'unknown' as const,
              HYBRID_EX: 'unknown' as const,
            },
            tls: a.tls,
            tlsVersions: [],
            ms: 1,
          },
        ],
        interrupted: null,
      };
      expect(probeVerdict(report, probeFindings(report)).severity).toBe('refused');
    }
    expect(outcomes.size).toBeGreaterThanOrEqual(3);
  });
});
