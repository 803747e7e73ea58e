import { EventEmitter, getEventListeners } from 'node:events';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildConnectionRequest, exchangeConfirm, parseConnectionConfirm, MAX_CONFIRM_LENGTH } from '../../electron/main/probe/x224';
import { ConfirmSchema, protocolMaskName, type Confirm } from '../../shared/probe-facts';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const done = (buf: Buffer, final = false): Confirm => {
  const r = parseConnectionConfirm(buf, final);
  if (!r.done) throw new Error(`needs more: ${buf.toString('hex')}`);
  expect(ConfirmSchema.safeParse(r.confirm).success).toBe(true);
  return r.confirm;
};

describe('Connection Request', () => {
  it('is the 19 bytes of MS-RDPBCGR 2.2.1.1 for SSL|HYBRID', () => {
    expect(buildConnectionRequest(3).toString('hex')).toBe('030000130ee000000000000100080003000000');
  });
  it('is 11 bytes without negotiation data for a legacy request', () => {
    expect(buildConnectionRequest(null).toString('hex')).toBe('0300000b06e00000000000');
  });
});

describe('Connection Confirm', () => {
  it('reads RDP_NEG_RSP as xrdp sends it (selected SSL, flags 0x01)', () => {
    expect(done(hex('030000130ed000001234000201080001000000'))).toEqual({ kind: 'selected', protocol: 1, protocolName: 'SSL', flags: 1 });
  });
  it('reads each RDP_NEG_FAILURE code with its name', () => {
    const names = [
      'SSL_REQUIRED_BY_SERVER',
      'SSL_NOT_ALLOWED_BY_SERVER',
      'SSL_CERT_NOT_ON_SERVER',
      'INCONSISTENT_FLAGS',
      'HYBRID_REQUIRED_BY_SERVER',
      'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
    ];
    names.forEach((name, i) => {
      const b = hex('030000130ed000001234000300080000000000');
      b.writeUInt32LE(i + 1, 15);
      expect(done(b)).toEqual({ kind: 'failure', code: i + 1, codeName: name, flags: 0 });
    });
    const unknown = hex('030000130ed000001234000300080063000000');
    expect(done(unknown)).toMatchObject({ kind: 'failure', code: 99, codeName: 'UNKNOWN_FAILURE_99' });
  });
  it('reads the 11-byte legacy confirm', () => {
    expect(done(hex('0300000b06d00000123400'))).toEqual({ kind: 'legacy' });
  });
  it('names non-RDP answers from their first bytes', () => {
    expect(done(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toMatchObject({ kind: 'not-rdp', looksLike: 'http' });
    expect(done(Buffer.from('SSH-2.0-OpenSSH_9.2\r\n'))).toMatchObject({ kind: 'not-rdp', looksLike: 'ssh' });
    expect(done(hex('15030100020246'))).toMatchObject({ kind: 'not-rdp', looksLike: 'tls' });
    expect(done(Buffer.from('220 mail.example.com ESMTP\r\n'))).toMatchObject({ kind: 'not-rdp', looksLike: 'text' });
    expect(done(hex('00ff1337'))).toMatchObject({ kind: 'not-rdp', looksLike: 'binary' });
  });
  it('waits for a banner that is still arriving, but not past the end', () => {
    expect(parseConnectionConfirm(Buffer.from('HT'), false)).toEqual({ done: false });
    expect(done(Buffer.from('HT'), true)).toMatchObject({ kind: 'not-rdp' });
  });
  it("reads an X.224 Disconnect Request and xrdp's MCS Disconnect Provider Ultimatum as rejections", () => {
    expect(done(hex('0300000b0680000012340000'))).toMatchObject({ kind: 'rejected', how: 'x224-disconnect' });
    expect(done(hex('0300000902f0802180'))).toMatchObject({ kind: 'rejected', how: 'mcs-disconnect' });
  });
  it.each([
    ['030000130ed000001234000201080002000000', 19, 'selected'],
    ['0300000b06d00000123400', 11, 'legacy'],
    ['0300000902f0802180', 9, 'rejected'],
    // A Disconnect Request is known from its TPDU code; the rest of it does not matter.
    ['0300000b0680000012340000', 8, 'rejected'],
  ] as const)('assembles %s arriving one byte at a time (known after %i bytes)', (bytes, at, kind) => {
    const whole = hex(bytes);
    for (let i = 1; i < at; i++) expect(parseConnectionConfirm(whole.subarray(0, i), false)).toEqual({ done: false });
    expect(done(whole.subarray(0, at))).toMatchObject({ kind });
  });
  it('classifies broken TPKT / X.224 instead of waiting', () => {
    expect(done(hex('0300ffff0ed0'))).toMatchObject({ kind: 'malformed' });
    expect(done(hex('03000005'))).toMatchObject({ kind: 'malformed' });
    expect(done(hex('030000130bd000001234000201080001000000'))).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('length indicator'),
    });
    expect(done(hex('030000130ed000001234007f01080001000000'))).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('negotiation type'),
    });
    expect(done(hex('030000130ed000001234000201090001000000'))).toMatchObject({ kind: 'malformed' });
    expect(done(hex('030000130ee000001234000201080001000000'))).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('TPDU'),
    });
  });
  it('gives a truncated reply a kind once nothing more will come', () => {
    expect(done(hex('030000130ed0'), true)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('ended after 6 of 19') });
    expect(done(Buffer.alloc(0), true)).toEqual({ kind: 'closed', afterBytes: 0 });
    expect(parseConnectionConfirm(Buffer.alloc(0), false)).toEqual({ done: false });
  });
  it('refuses to wait for a reply longer than any confirm', () => {
    const b = hex('03000000');
    b.writeUInt16BE(MAX_CONFIRM_LENGTH + 1, 2);
    expect(done(b)).toMatchObject({ kind: 'malformed' });
  });
  it('names protocol masks', () => {
    expect(protocolMaskName(0)).toBe('RDP');
    expect(protocolMaskName(0xb)).toBe('SSL|HYBRID|HYBRID_EX');
    expect(protocolMaskName(0x101)).toBe('SSL|0x100');
  });
});

/**
 * A socket in memory: what the probe wrote, and the server's side played by the test (data, end,
 * close, error), so the exchange's every ending is checked without a network.
 */
class MemorySocket extends EventEmitter {
  written: Buffer[] = [];
  paused = true;
  writeError: NodeJS.ErrnoException | null = null;
  write(b: Buffer, cb?: (err?: Error | null) => void): boolean {
    this.written.push(b);
    cb?.(this.writeError);
    return true;
  }
  pause() {
    this.paused = true;
    return this;
  }
  resume() {
    this.paused = false;
    return this;
  }
}

const exchange = (socket: MemorySocket, requested: number | null = 3, timeoutMs = 5000, signal?: AbortSignal) =>
  exchangeConfirm(socket as unknown as Socket, requested, timeoutMs, signal);
const errno = (code: string | undefined, message = 'boom') => Object.assign(new Error(message), { code }) as NodeJS.ErrnoException;

describe('one request, one answer, over a socket', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the request, reads a confirm that arrives in pieces, hands back what follows it, and lets go of the socket', async () => {
    const s = new MemorySocket();
    const pending = exchange(s, 3);
    expect(s.paused).toBe(false);
    expect(Buffer.concat(s.written).toString('hex')).toBe('030000130ee000000000000100080003000000');
    s.emit('data', hex('030000130ed0000012'));
    s.emit('data', hex('34000201080001000000160301'));
    const r = await pending;
    expect(r.confirm).toEqual({ kind: 'selected', protocol: 1, protocolName: 'SSL', flags: 1 });
    expect(r.extra.toString('hex')).toBe('160301');
    // Paused and without our listeners: the TLS stage takes the socket from here.
    expect(s.paused).toBe(true);
    for (const e of ['data', 'end', 'close', 'error']) expect(s.listenerCount(e)).toBe(0);
  });

  it('a server that closes without a byte: closed after 0 bytes', async () => {
    const s = new MemorySocket();
    const pending = exchange(s);
    s.emit('end');
    expect((await pending).confirm).toEqual({ kind: 'closed', afterBytes: 0 });
  });

  it('a server that closes in the middle of an RDP reply: closed after the bytes it sent, not a broken format', async () => {
    const s = new MemorySocket();
    const pending = exchange(s);
    s.emit('data', hex('030000130ed0'));
    s.emit('close');
    expect((await pending).confirm).toEqual({ kind: 'closed', afterBytes: 6 });
  });

  it('a server that closes after a short banner: named from what it sent', async () => {
    const s = new MemorySocket();
    const pending = exchange(s);
    s.emit('data', Buffer.from('HT'));
    s.emit('end');
    expect((await pending).confirm).toMatchObject({ kind: 'not-rdp', looksLike: 'text' });
  });

  it('a reset is a reset (with the bytes before it); any other socket error is a failed connection with its code', async () => {
    for (const code of ['ECONNRESET', 'EPIPE']) {
      const s = new MemorySocket();
      const pending = exchange(s);
      s.emit('data', hex('0300'));
      s.emit('error', errno(code));
      expect((await pending).confirm).toEqual({ kind: 'reset', afterBytes: 2 });
    }
    const s = new MemorySocket();
    const pending = exchange(s);
    s.emit('error', errno('EHOSTUNREACH'));
    expect((await pending).confirm).toEqual({ kind: 'connect-failed', state: 'error', error: 'EHOSTUNREACH' });
    const t = new MemorySocket();
    const withoutCode = exchange(t);
    t.emit('error', errno(undefined, 'socket hung up'));
    expect((await withoutCode).confirm).toEqual({ kind: 'connect-failed', state: 'error', error: 'socket hung up' });
  });

  it('a request that cannot be written fails the attempt with the reason', async () => {
    const s = new MemorySocket();
    s.writeError = errno('ECONNRESET');
    expect((await exchange(s)).confirm).toEqual({ kind: 'reset', afterBytes: 0 });
  });

  it('a silent server: silent after the timeout, with how long it waited; one that stalls mid-reply too', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    vi.advanceTimersByTime(60_000); // the clock did not start with this attempt
    const s = new MemorySocket();
    const pending = exchange(s, 3, 5000);
    vi.advanceTimersByTime(4999);
    s.emit('data', hex('030000130e'));
    vi.advanceTimersByTime(1);
    expect((await pending).confirm).toEqual({ kind: 'silent', afterBytes: 5, waitedMs: 5000 });
    const quiet = new MemorySocket();
    const nothing = exchange(quiet, 3, 3000);
    vi.advanceTimersByTime(3000);
    expect((await nothing).confirm).toEqual({ kind: 'silent', afterBytes: 0, waitedMs: 3000 });
  });

  it('a banner cut short by the timeout is named from what came', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const s = new MemorySocket();
    const pending = exchange(s, 3, 1000);
    s.emit('data', Buffer.from('SS'));
    vi.advanceTimersByTime(1000);
    expect((await pending).confirm).toMatchObject({ kind: 'not-rdp', looksLike: 'text' });
  });

  it('cancelled: while waiting, or before it began (then nothing is sent)', async () => {
    const c = new AbortController();
    const s = new MemorySocket();
    const pending = exchange(s, 3, 5000, c.signal);
    c.abort();
    expect((await pending).confirm).toEqual({ kind: 'cancelled' });
    const before = new MemorySocket();
    expect((await exchange(before, 3, 5000, AbortSignal.abort())).confirm).toEqual({ kind: 'cancelled' });
    expect(before.written).toEqual([]);
  });

  it('a server that hangs up in the middle of a hang-up message: the broken reply is named, not a plain close', async () => {
    const s = new MemorySocket();
    const pending = exchange(s);
    s.emit('data', hex('0300000902f08021'));
    s.emit('end');
    expect((await pending).confirm).toMatchObject({ kind: 'malformed', reason: 'TPKT length 9 is shorter than any Connection Confirm' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const t = new MemorySocket();
    const stalled = exchange(t, 3, 1000);
    t.emit('data', hex('0300000902f08021'));
    vi.advanceTimersByTime(1000);
    expect((await stalled).confirm).toMatchObject({ kind: 'malformed', reason: 'TPKT length 9 is shorter than any Connection Confirm' });
  });

  it("leaves no listener on the caller's cancel signal (one signal serves a whole scan)", async () => {
    const c = new AbortController();
    for (let i = 0; i < 3; i++) {
      const s = new MemorySocket();
      const pending = exchange(s, 3, 5000, c.signal);
      s.emit('data', hex('0300000b06d00000123400'));
      await pending;
    }
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(0);
  });

  it('the first ending wins: a close after the confirm changes nothing', async () => {
    const s = new MemorySocket();
    const pending = exchange(s, null);
    expect(Buffer.concat(s.written).toString('hex')).toBe('0300000b06e00000000000');
    s.emit('data', hex('0300000b06d00000123400'));
    const r = await pending;
    expect(r.confirm).toEqual({ kind: 'legacy' });
    expect(r.extra.length).toBe(0);
  });
});

describe('what the report shows of an answer that is not a confirm', () => {
  it('the first 48 bytes in hex and as text (unprintable bytes as dots), and "..." when there was more', () => {
    const exactly48 = Buffer.from(`SSH-2.0-${'y'.repeat(40)}`);
    expect(done(exactly48)).toMatchObject({ sample: `${exactly48.toString('hex')} "SSH-2.0-${'y'.repeat(40)}"` });
    const banner = Buffer.from('220 mail.example.com ESMTP\r\n');
    expect(done(banner)).toEqual({
      kind: 'not-rdp',
      looksLike: 'text',
      sample: `${banner.toString('hex')} "220 mail.example.com ESMTP.."`,
    });
    const long = Buffer.from(`HTTP/1.1 400 Bad Request\r\nServer: ${'x'.repeat(40)}\r\n`);
    const c = done(long);
    expect(c).toMatchObject({ kind: 'not-rdp', looksLike: 'http' });
    expect(c.kind === 'not-rdp' && c.sample).toBe(
      `${long.subarray(0, 48).toString('hex')} "HTTP/1.1 400 Bad Request..Server: xxxxxxxxxxxxxx" ...`,
    );
  });

  it('a TLS-only service: any TLS record type (20 to 23) with major version 3, and nothing either side of that', () => {
    for (const first of [0x14, 0x15, 0x16, 0x17])
      expect(done(Buffer.from([first, 3, 1, 0, 2, 2, 0x46]))).toMatchObject({ looksLike: 'tls' });
    expect(done(Buffer.from([0x13, 3, 1, 0, 2, 2, 0x46]))).toMatchObject({ looksLike: 'binary' });
    expect(done(Buffer.from([0x18, 3, 1, 0, 2, 2, 0x46]))).toMatchObject({ looksLike: 'binary' });
    expect(done(Buffer.from([0x16, 2, 1, 0, 2, 2, 0x46]))).toMatchObject({ looksLike: 'binary' });
  });

  it('text is text when at least 90 % of it is printable (tabs and line ends count); less is binary', () => {
    const nine = Buffer.from('abcdefghi\x00'); // 9 of 10 printable
    expect(done(nine)).toMatchObject({ looksLike: 'text' });
    const eight = Buffer.from('abcdefgh\x00\x00');
    expect(done(eight)).toMatchObject({ looksLike: 'binary' });
    for (const control of ['\t', '\r', '\n'])
      expect(done(Buffer.from(`abcdefgh${control}${control}`))).toMatchObject({ looksLike: 'text' });
    expect(done(Buffer.from('abcdefghi\x7f'))).toMatchObject({ looksLike: 'text' });
    expect(done(Buffer.from('abcdefgh\x7f\x7f'))).toMatchObject({ looksLike: 'binary' });
    expect(done(Buffer.from('abcdefgh\x1f\x1f'))).toMatchObject({ looksLike: 'binary' });
  });

  it('waits for the rest of "HTTP/" or "SSH-" only while it could still be one, and only for under 5 bytes', () => {
    expect(parseConnectionConfirm(Buffer.from('SSH'), false)).toEqual({ done: false });
    expect(parseConnectionConfirm(Buffer.from('HTTP'), false)).toEqual({ done: false });
    expect(done(Buffer.from('HX'))).toMatchObject({ kind: 'not-rdp', looksLike: 'text' });
    expect(done(Buffer.from('HTTP/'))).toMatchObject({ kind: 'not-rdp', looksLike: 'http' });
  });

  it('a TPKT header cut short says how many bytes came', () => {
    expect(parseConnectionConfirm(hex('030000'), false)).toEqual({ done: false });
    expect(done(hex('030000'), true)).toEqual({
      kind: 'malformed',
      reason: 'reply ended after 3 bytes of the TPKT header',
      sample: '030000 "..."',
    });
  });

  it('a first byte 3 without TPKT after it is not RDP', () => {
    expect(done(hex('0303000a0b0c0d'))).toMatchObject({ kind: 'not-rdp', looksLike: 'binary' });
  });
});

describe("an RDP server's hang-ups", () => {
  it('an X.224 Disconnect Request (TPDU code 0x8x) is a rejection whatever follows; the sample is the TPDU only', () => {
    expect(done(hex('0300000702800099'))).toEqual({ kind: 'rejected', how: 'x224-disconnect', sample: '03000007028000 "......."' });
    // What follows the Disconnect Request is not part of it (it stays for whoever reads next).
    expect(parseConnectionConfirm(hex('0300000702800099'), false)).toMatchObject({ consumed: 7 });
    expect(done(hex('0300000b068f0000123400'))).toMatchObject({ kind: 'rejected', how: 'x224-disconnect' });
    expect(done(hex('03000007027f00'))).toMatchObject({ kind: 'malformed' });
    expect(done(hex('0300000702900000'))).toMatchObject({ kind: 'malformed' });
  });

  it("xrdp's MCS Disconnect Provider Ultimatum (a data TPDU of at most 16 bytes whose MCS type is 8) is a rejection", () => {
    expect(done(hex('0300000902f0802180'))).toEqual({ kind: 'rejected', how: 'mcs-disconnect', sample: '0300000902f0802180 ".......!."' });
    // Every reason code in the low two bits of the MCS byte.
    for (const mcs of [0x20, 0x23]) {
      const b = hex('0300000902f0802180');
      b[7] = mcs;
      expect(done(b)).toMatchObject({ kind: 'rejected', how: 'mcs-disconnect' });
    }
    const otherMcs = hex('0300000902f0802480');
    expect(done(otherMcs)).toMatchObject({ kind: 'malformed' });
    const long = Buffer.concat([hex('0300001102f08021'), Buffer.alloc(9)]);
    expect(done(long)).toMatchObject({ kind: 'malformed' });
    const sixteen = Buffer.concat([hex('0300001002f08021'), Buffer.alloc(8)]);
    expect(done(sixteen)).toMatchObject({ kind: 'rejected', how: 'mcs-disconnect' });
  });

  it('waits for the whole ultimatum, and gives up on it once nothing more will come', () => {
    const ultimatum = Buffer.concat([hex('0300000c02f08021'), Buffer.alloc(4)]);
    expect(parseConnectionConfirm(ultimatum.subarray(0, 8), false)).toEqual({ done: false });
    expect(done(ultimatum.subarray(0, 8), true)).toMatchObject({ kind: 'malformed', reason: 'reply ended after 8 of 12 bytes' });
    expect(done(ultimatum)).toMatchObject({ kind: 'rejected', how: 'mcs-disconnect' });
  });
});

describe('the reasons a broken confirm gives', () => {
  it.each([
    ['0300ffff0ed0', 'TPKT length 65535 is far longer than a Connection Confirm'],
    ['03000005', 'TPKT length 5 is too short for any X.224 TPDU'],
    ['03000006', 'TPKT length 6 is too short for any X.224 TPDU'],
    ['0300000a05d0000012', 'TPKT length 10 is shorter than any Connection Confirm'],
    ['0300000c07e000001234000000', 'X.224 TPDU code 0xe0 is not a Connection Confirm'],
    ['0300000f0ad000001234000102030400', 'negotiation data is 4 bytes, expected 8'],
    ['030000130ed000001234000201090001000000', 'negotiation length field is 9, expected 8'],
    ['030000130ed000001234000401080001000000', 'unknown negotiation type 0x4'],
  ])('%s: %s', (bytes, reason) => {
    expect(done(hex(bytes))).toMatchObject({ kind: 'malformed', reason });
  });

  it('a TPKT length of exactly the cap is read, one more is refused', () => {
    const at = Buffer.concat([hex('03000400'), Buffer.alloc(4)]);
    expect(parseConnectionConfirm(at, false)).toEqual({ done: false });
    const over = hex('03000401');
    expect(done(over)).toMatchObject({ kind: 'malformed', reason: 'TPKT length 1025 is far longer than a Connection Confirm' });
  });

  it('a confirm followed by more bytes uses only its own length', () => {
    const r = parseConnectionConfirm(hex('0300000b06d0000012340016030100'), false);
    expect(r).toEqual({ done: true, confirm: { kind: 'legacy' }, consumed: 11 });
  });
});
