import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TSREQUEST_LENGTH } from '../../electron/main/probe/credssp';
import { negotiate } from '../../electron/main/probe/handshake';
import { limiter } from '../../electron/main/probe/limit';
import { interpretReply } from '../../electron/main/probe/nla';
import { NlaFactsSchema, NlaOutcomeSchema } from '../../shared/probe-facts';
import { ntlmChallenge, tsRequest, WINDOWS_2022_WORKGROUP, type WindowsLike } from '../harness/fake-rdp-server';
import { useFakeServers } from './fake-servers';

/**
 * Every CredSSP answer, however hostile, ends in a classified outcome: no throw, no "need more"
 * once the stream has ended, nothing kept past the read cap. 10,000 replies through the parser in
 * random chunk splits (DER and NTLM mutated at every level), then a few hundred over real TLS.
 */

const domainMember = {
  ...WINDOWS_2022_WORKGROUP,
  netbiosDomain: 'CORP',
  dnsDomain: 'corp.example.com',
  dnsTree: 'example.com',
  member: true,
};
const goodChallenges = [ntlmChallenge(WINDOWS_2022_WORKGROUP), ntlmChallenge(domainMember)];
const valid = [
  ...goodChallenges.map((c) => tsRequest(6, c)),
  tsRequest(3, goodChallenges[0]!),
  tsRequest(6, null, 0xc000006d),
  tsRequest(2, null),
];

/** Byte flips, cuts, tails and rewritten length fields, in the TSRequest or inside its NTLM token. */
const mutate = (bases: Buffer[]) =>
  fc
    .record({
      base: fc.constantFrom(...bases),
      flips: fc.array(fc.record({ at: fc.nat(200), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 5 }),
      u16: fc.array(fc.record({ at: fc.nat(200), value: fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0xffff) }), {
        maxLength: 3,
      }),
      cut: fc.option(fc.nat(220)),
      tail: fc.uint8Array({ maxLength: 32 }),
    })
    .map(({ base, flips, u16, cut, tail }) => {
      let b = Buffer.concat([base, Buffer.from(tail)]);
      for (const f of flips) if (f.at < b.length) b[f.at] = f.value;
      for (const w of u16) if (w.at + 1 < b.length) b.writeUInt16LE(w.value, w.at);
      if (cut !== null) b = b.subarray(0, cut);
      return b;
    });

/** A well-formed TSRequest around a broken CHALLENGE: reaches the NTLM parser every time. */
const hostileChallenge = mutate(goodChallenges).map((c) => tsRequest(6, c));
const random = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a));
/** DER headers that claim huge or impossible lengths. */
const lengths = fc
  .tuple(
    fc.constantFrom(0x30, 0xa0, 0xa1, 0x04),
    fc.constantFrom([0x80], [0x85, 1, 2, 3, 4, 5], [0x84, 0xff, 0xff, 0xff, 0xff], [0x82, 0x40, 0x01], [0x81]),
    fc.uint8Array({ maxLength: 40 }),
  )
  .map(([tag, len, rest]) => Buffer.from([tag, ...len, ...rest]));

function feed(bytes: Buffer, cuts: number[]) {
  const at = new Date();
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  for (const p of [...points, bytes.length]) {
    const r = interpretReply(bytes.subarray(0, p), false, at);
    if (r) return r;
  }
  const last = interpretReply(bytes, true, at);
  if (!last) throw new Error('final read asked for more');
  return last;
}

describe('parser fuzz', () => {
  it.each([
    ['random bytes', random, 2000],
    ['mutated TSRequests', mutate(valid), 3000],
    ['hostile CHALLENGEs inside a good TSRequest', hostileChallenge, 3000],
    ['impossible DER lengths', lengths, 2000],
  ] as const)('%s: %i replies, each classified', (_name, arb, runs) => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(arb, fc.array(fc.nat(400), { maxLength: 6 }), (bytes, cuts) => {
        const r = feed(bytes, cuts);
        outcomes.add(r.outcome);
        // Names stay short and printable whatever the server sends.
        for (const v of Object.values(r.challenge ?? {})) if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(255);
        return NlaFactsSchema.safeParse({ ...r, ms: 0 }).success;
      }),
      { numRuns: runs },
    );
    expect(outcomes.size).toBeGreaterThanOrEqual(1);
  });

  it('the mutations reach every parser outcome (not a blind fuzzer)', () => {
    const outcomes = new Set<string>();
    for (const [bytes, cuts] of fc.sample(fc.tuple(fc.oneof(mutate(valid), hostileChallenge), fc.array(fc.nat(400), { maxLength: 3 })), {
      numRuns: 2000,
      seed: 13,
    })) {
      outcomes.add(feed(bytes, cuts).outcome);
    }
    expect([...outcomes].sort()).toEqual(['challenge', 'closed', 'error-code', 'malformed', 'no-challenge']);
  });
});

describe('loopback fuzz, inside real TLS', () => {
  const servers = useFakeServers();

  const ending = fc.oneof(
    { arbitrary: fc.constant('end' as const), weight: 3 },
    { arbitrary: fc.constant('reset' as const), weight: 2 },
    { arbitrary: fc.constant('stay' as const), weight: 1 },
  );

  it('200 hostile CredSSP answers over TLS and two floods, each classified within its own deadline', async () => {
    const cases = fc.sample(fc.tuple(fc.oneof(random, mutate(valid), hostileChallenge, lengths), ending), { numRuns: 200, seed: 1804 });
    // Plus floods: the reader must stop at its cap, not buffer megabytes.
    const floods: [Buffer, 'end'][] = [
      [Buffer.concat([Buffer.from([0x30, 0x84, 0x00, 0xff, 0xff, 0xff]), Buffer.alloc(4 * 1024 * 1024, 0x41)]), 'end'],
      [Buffer.concat([Buffer.from([0x30, 0x83, 0x00, 0x3f, 0xff]), Buffer.alloc(MAX_TSREQUEST_LENGTH * 2, 0x41)]), 'end'],
    ];
    const run = limiter(20);
    const results = await Promise.all(
      [...cases, ...floods].map(([raw, then]) =>
        run(async () => {
          const w: WindowsLike = { kind: 'windows', supports: 0x2, allowRdp: false, noMatchFailure: 5, credssp: { raw, then } };
          const srv = await servers.start(w);
          const limits = {
            host: '127.0.0.1',
            address: '127.0.0.1',
            port: srv.port,
            connectTimeoutMs: 2000,
            stageTimeoutMs: 600,
            signal: new AbortController().signal,
            now: () => new Date(),
          };
          const a = await negotiate(limits, 0x3, { version: null, nla: true });
          await srv.close();
          return a;
        }),
      ),
    );
    const outcomes = new Set<string>();
    for (const a of results) {
      expect(a.tls?.outcome).toBe('ok');
      expect(NlaFactsSchema.safeParse(a.nla).success).toBe(true);
      expect(NlaOutcomeSchema.options).toContain(a.nla!.outcome);
      outcomes.add(a.nla!.outcome);
    }
    // Floods are refused from their DER header, before anything past the cap is kept.
    for (const a of results.slice(-2)) expect(a.nla).toMatchObject({ outcome: 'malformed', error: expect.stringContaining('far longer') });
    expect(outcomes.size).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
