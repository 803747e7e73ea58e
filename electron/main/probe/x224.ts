import type { Socket } from 'node:net';
import { type Confirm, type NotRdpKind, failureName, protocolMaskName } from '../../../shared/probe-facts';

/**
 * The first RDP exchange (MS-RDPBCGR 2.2.1.1 Connection Request, 2.2.1.2 Connection Confirm):
 * a pure builder and an incremental parser, plus the socket loop that feeds the parser.
 */

/** A real Connection Confirm is 11 or 19 bytes; anything this big is not one, so stop reading. */
export const MAX_CONFIRM_LENGTH = 1024;
const SAMPLE_BYTES = 48;

/**
 * TPKT + X.224 CR, with RDP_NEG_REQ unless `requested` is null (the legacy request, which
 * pre-2003 servers expect). No cookie: the probe must not look like a login to anyone.
 */
export function buildConnectionRequest(requested: number | null): Buffer {
  const negLength = requested === null ? 0 : 8;
  const total = 11 + negLength;
  const b = Buffer.alloc(total);
  b.writeUInt8(3, 0);
  b.writeUInt8(0, 1);
  b.writeUInt16BE(total, 2);
  b.writeUInt8(total - 5, 4); // length indicator: the X.224 header after itself
  b.writeUInt8(0xe0, 5); // CR TPDU
  // dst-ref, src-ref, class 0: already zero
  if (requested !== null) {
    b.writeUInt8(0x01, 11); // TYPE_RDP_NEG_REQ
    b.writeUInt8(0x00, 12);
    b.writeUInt16LE(8, 13);
    b.writeUInt32LE(requested >>> 0, 15);
  }
  return b;
}

export type ConfirmParse = { done: false } | { done: true; confirm: Confirm; consumed: number };

/** Hex of the first bytes plus their printable text, so a report shows what answered. */
function sampleOf(buf: Buffer): string {
  const head = buf.subarray(0, SAMPLE_BYTES);
  const text = head.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return `${head.toString('hex')} "${text}"${buf.length > SAMPLE_BYTES ? ' ...' : ''}`;
}

function startsWith(buf: Buffer, ascii: string): boolean {
  return buf.length >= ascii.length && buf.subarray(0, ascii.length).toString('latin1') === ascii;
}

/** A prefix of one of the banners we recognise: wait for more before calling it garbage. */
function couldStillBecomeBanner(buf: Buffer): boolean {
  const s = buf.toString('latin1');
  return ['HTTP/', 'SSH-'].some((b) => b.startsWith(s));
}

function classifyNotRdp(buf: Buffer): NotRdpKind {
  if (startsWith(buf, 'HTTP/')) return 'http';
  if (startsWith(buf, 'SSH-')) return 'ssh';
  const b0 = buf[0];
  // TLS record types 20..23 with major version 3: a TLS-only service answering our plain bytes.
  if (b0 !== undefined && b0 >= 0x14 && b0 <= 0x17 && buf[1] === 3) return 'tls';
  const head = buf.subarray(0, SAMPLE_BYTES);
  let printable = 0;
  for (const c of head) if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) printable++;
  return head.length > 0 && printable / head.length >= 0.9 ? 'text' : 'binary';
}

/**
 * An RDP server that refuses without a reason code hangs up in its own protocol: an X.224
 * Disconnect Request, or (xrdp, for flags it does not know) an MCS Disconnect Provider Ultimatum.
 */
function rejection(buf: Buffer, length: number, final: boolean): ConfirmParse | null {
  if (length < 7) return null;
  const code = buf[5];
  if (code === undefined) return null;
  if ((code & 0xf0) === 0x80) {
    return {
      done: true,
      confirm: { kind: 'rejected', how: 'x224-disconnect', sample: sampleOf(buf.subarray(0, length)) },
      consumed: Math.min(length, buf.length),
    };
  }
  if (code === 0xf0 && length <= 16) {
    if (buf.length < length) return final ? null : { done: false };
    const mcs = buf[7];
    if (mcs !== undefined && (mcs & 0xfc) === 0x20) {
      return {
        done: true,
        confirm: { kind: 'rejected', how: 'mcs-disconnect', sample: sampleOf(buf.subarray(0, length)) },
        consumed: length,
      };
    }
  }
  return null;
}

const malformed = (reason: string, buf: Buffer): ConfirmParse => ({
  done: true,
  confirm: { kind: 'malformed', reason, sample: sampleOf(buf) },
  consumed: buf.length,
});

/**
 * Reads whatever has arrived so far. `final` means nothing more will come (closed, stalled past
 * its timeout, or a read cap): the parser must then classify what it has and never ask for more.
 * Total function: every input, however hostile, gives a Confirm or "need more" (only when !final).
 */
export function parseConnectionConfirm(buf: Buffer, final: boolean): ConfirmParse {
  if (buf.length === 0) {
    return final ? { done: true, confirm: { kind: 'closed', afterBytes: 0 }, consumed: 0 } : { done: false };
  }
  if (buf[0] !== 3) {
    // Wait a little for "HTTP/" or "SSH-" to complete; the caller's deadline bounds the wait.
    if (!final && buf.length < 5 && couldStillBecomeBanner(buf)) return { done: false };
    return { done: true, confirm: { kind: 'not-rdp', looksLike: classifyNotRdp(buf), sample: sampleOf(buf) }, consumed: buf.length };
  }
  if (buf.length < 4) return final ? malformed(`reply ended after ${buf.length} bytes of the TPKT header`, buf) : { done: false };
  if (buf[1] !== 0) {
    // A TLS 1.x record starts 0x16 0x03; 0x03 0x?? with a non-zero second byte is not TPKT either.
    return { done: true, confirm: { kind: 'not-rdp', looksLike: classifyNotRdp(buf), sample: sampleOf(buf) }, consumed: buf.length };
  }
  const length = buf.readUInt16BE(2);
  if (length > MAX_CONFIRM_LENGTH) return malformed(`TPKT length ${length} is far longer than a Connection Confirm`, buf);
  if (length < 7) return malformed(`TPKT length ${length} is too short for any X.224 TPDU`, buf);
  // The TPDU code (byte 5) and, for a data TPDU, the MCS type (byte 7) decide what this is.
  if (!final && buf.length < Math.min(length, 8)) return { done: false };
  const early = rejection(buf, length, final);
  if (early) return early;
  if (length < 11) return malformed(`TPKT length ${length} is shorter than any Connection Confirm`, buf);
  if (buf.length < length) {
    return final ? malformed(`reply ended after ${buf.length} of ${length} bytes`, buf) : { done: false };
  }
  const pdu = buf.subarray(0, length);
  const li = pdu.readUInt8(4);
  const code = pdu.readUInt8(5) & 0xf0;
  if (code !== 0xd0) return malformed(`X.224 TPDU code 0x${code.toString(16)} is not a Connection Confirm`, pdu);
  if (li !== length - 5) return malformed(`X.224 length indicator ${li} does not match TPKT length ${length}`, pdu);
  if (length === 11) return { done: true, confirm: { kind: 'legacy' }, consumed: length };
  if (length < 19) return malformed(`negotiation data is ${length - 11} bytes, expected 8`, pdu);
  const type = pdu.readUInt8(11);
  const flags = pdu.readUInt8(12);
  const negLength = pdu.readUInt16LE(13);
  const value = pdu.readUInt32LE(15);
  if (negLength !== 8) return malformed(`negotiation length field is ${negLength}, expected 8`, pdu);
  if (type === 0x02) {
    return { done: true, confirm: { kind: 'selected', protocol: value, protocolName: protocolMaskName(value), flags }, consumed: length };
  }
  if (type === 0x03) {
    return { done: true, confirm: { kind: 'failure', code: value, codeName: failureName(value), flags }, consumed: length };
  }
  return malformed(`unknown negotiation type 0x${type.toString(16)}`, pdu);
}

export interface ExchangeResult {
  confirm: Confirm;
  /** Bytes after the Confirm (a server that talks first); handed back to the socket for TLS. */
  extra: Buffer;
}

/**
 * Sends one Connection Request and reads the Confirm, with a deadline and a read cap, so a
 * silent, dripping or flooding server ends in a classified outcome. Leaves the socket open and
 * paused (the TLS stage may continue on it); the caller owns closing it.
 */
export function exchangeConfirm(
  socket: Socket,
  requested: number | null,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (confirm: Confirm, extra: Buffer = Buffer.alloc(0)) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onClose);
      socket.off('error', onError);
      socket.pause();
      resolve({ confirm, extra });
    };
    const whole = () => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    const classifyFinal = () => {
      const r = parseConnectionConfirm(whole(), true);
      // parseConnectionConfirm is total when final; the fallback only satisfies the type.
      return r.done ? r.confirm : ({ kind: 'closed', afterBytes: received } as const);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      const all = whole();
      const r = parseConnectionConfirm(all, received >= MAX_CONFIRM_LENGTH);
      if (r.done) finish(r.confirm, all.subarray(r.consumed));
    };
    const onEnd = () => {
      if (received === 0) return finish({ kind: 'closed', afterBytes: 0 });
      const c = classifyFinal();
      finish(c.kind === 'malformed' && c.reason.startsWith('reply ended') ? { kind: 'closed', afterBytes: received } : c);
    };
    const onClose = () => onEnd();
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') finish({ kind: 'reset', afterBytes: received });
      else finish({ kind: 'connect-failed', state: 'error', error: err.code ?? err.message });
    };
    const onAbort = () => finish({ kind: 'cancelled' });
    const timer = setTimeout(() => {
      if (received === 0) return finish({ kind: 'silent', afterBytes: 0, waitedMs: Math.round(performance.now() - started) });
      const c = classifyFinal();
      // A reply that began like RDP but never completed is a stall, not a broken format.
      finish(
        c.kind === 'malformed' && c.reason.startsWith('reply ended')
          ? { kind: 'silent', afterBytes: received, waitedMs: Math.round(performance.now() - started) }
          : c,
      );
    }, timeoutMs);
    if (signal?.aborted) return finish({ kind: 'cancelled' });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onClose);
    socket.on('error', onError);
    socket.resume();
    socket.write(buildConnectionRequest(requested), (err) => {
      if (err) onError(err as NodeJS.ErrnoException);
    });
  });
}
