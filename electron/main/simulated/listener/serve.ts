import type { Socket } from 'node:net';
import { constants } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import type { ListenerBehaviour, X224Reply } from './model';
import { ntlmChallenge, tsRequest } from './ntlm-challenge';
import type { Pem } from './certificate';

/**
 * Plays a ListenerBehaviour on accepted sockets: the X.224 Connection Confirm for the request,
 * TLS on the same socket with the state's certificate and versions (or a reset), and the NTLM
 * CHALLENGE inside CredSSP. The bytes are MS-RDPBCGR 2.2.1.2 and MS-CSSP / MS-NLMP as the probe
 * reads them; nothing past the CHALLENGE (no AUTHENTICATE is ever answered).
 */

/** X.224 Connection Confirm with RDP_NEG_RSP (type 2) or RDP_NEG_FAILURE (type 3) (2.2.1.2). */
export function confirmBytes(type: 2 | 3, value: number): Buffer {
  // TPKT v3 length 19; X.224 LI 14, CC (0xD0), dst-ref 0, src-ref 0x1234, class 0 (3.3.5.3.2);
  // then type, flags, length 8, the 32-bit LE value.
  const b = Buffer.from([3, 0, 0, 19, 14, 0xd0, 0, 0, 0x12, 0x34, 0, type, 0, 8, 0, 0, 0, 0, 0]);
  b.writeUInt32LE(value >>> 0, 15);
  return b;
}

/** A Connection Confirm without negotiation data (a request without RDP_NEG_REQ). */
const LEGACY_CONFIRM = Buffer.from([3, 0, 0, 11, 6, 0xd0, 0, 0, 0x12, 0x34, 0]);

/** requestedProtocols of a Connection Request (RDP_NEG_REQ, type 1, in the last 8 bytes), or null. */
function requestedOf(req: Buffer): number | null {
  const neg = req.length - 8;
  return req.length >= 19 && req[neg] === 1 ? req.readUInt32LE(neg + 4) : null;
}

/** Collects bytes until `complete` says how many make one message, then hands them over. */
function readMessage(stream: Socket | TLSSocket, complete: (buf: Buffer) => number | null, then: (msg: Buffer) => void): void {
  let buf = Buffer.alloc(0);
  const onData = (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    if (buf.length > 64 * 1024) return void stream.destroy();
    const n = complete(buf);
    if (n !== null && buf.length >= n) {
      stream.off('data', onData);
      then(buf.subarray(0, n));
    }
  };
  stream.on('data', onData);
}

/** TPKT: the length is bytes 2-3. */
const tpktLength = (b: Buffer) => (b.length >= 4 ? Math.max(4, b.readUInt16BE(2)) : null);

/** One DER element: its header and length. */
function derLength(b: Buffer): number | null {
  if (b.length < 2) return null;
  const first = b[1]!;
  if (!(first & 0x80)) return 2 + first;
  const count = first & 0x7f;
  if (b.length < 2 + count) return null;
  let len = 0;
  for (let i = 0; i < count; i++) len = len * 256 + b[2 + i]!;
  return 2 + count + len;
}

function sendReply(socket: Socket, reply: X224Reply): boolean {
  switch (reply.kind) {
    case 'selected':
      socket.write(confirmBytes(2, reply.protocol));
      return reply.protocol !== 0;
    case 'failure':
      // "After sending the RDP Negotiation Failure structure the server MUST close the connection" (3.3.5.3.2).
      socket.end(confirmBytes(3, reply.code));
      return false;
    case 'legacy':
      socket.write(LEGACY_CONFIRM);
      return false;
    case 'close':
      socket.end();
      return false;
  }
}

const ORDER = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
const OFF = {
  TLSv1: constants.SSL_OP_NO_TLSv1,
  'TLSv1.1': constants.SSL_OP_NO_TLSv1_1,
  'TLSv1.2': constants.SSL_OP_NO_TLSv1_2,
  'TLSv1.3': constants.SSL_OP_NO_TLSv1_3,
} as const;

/** The versions between the lowest and the highest accepted that are not accepted. */
function holes(versions: readonly string[]): number {
  const idx = versions.map((v) => ORDER.indexOf(v as (typeof ORDER)[number]));
  const [lo, hi] = [Math.min(...idx), Math.max(...idx)];
  return ORDER.slice(lo, hi + 1).reduce((flags, v) => (versions.includes(v) ? flags : flags | OFF[v]), 0);
}

/** Serves one accepted socket as `b` says. `pem`: the certificate and key when TLS completes. */
export function serveSocket(socket: Socket, b: ListenerBehaviour, pem: Pem | null): void {
  socket.on('error', () => {});
  if (b.otherProgram) {
    return readMessage(socket, tpktLength, () => {
      if (b.otherProgram!.answer === 'http-400') {
        socket.end('HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      } else socket.end();
    });
  }
  readMessage(socket, tpktLength, (req) => {
    const reply = b.reply(requestedOf(req));
    if (!sendReply(socket, reply) || reply.kind !== 'selected') return;
    const tls = b.tls;
    if (!tls || tls.outcome === 'resets' || !pem) {
      // The client's ClientHello arrives; the server drops the connection with a reset.
      return void socket.once('data', () => socket.resetAndDestroy());
    }
    const secure = new TLSSocket(socket, {
      isServer: true,
      key: pem.key,
      cert: pem.cert,
      minVersion: tls.versions.at(-1),
      maxVersion: tls.versions[0],
      // A version switched off between two on (TLS 1.0 and 1.3 only): OpenSSL's per-version switches.
      secureOptions: holes(tls.versions),
      ciphers: tls.ciphers,
    });
    secure.on('error', () => socket.destroy());
    const credssp = b.credssp;
    if (credssp && reply.protocol & (0x2 | 0x8)) {
      // The client's first TSRequest (an NTLM NEGOTIATE) draws the CHALLENGE; nothing more.
      readMessage(secure, derLength, () =>
        secure.write(tsRequest(credssp.credsspVersion, ntlmChallenge({ ...credssp, time: new Date(credssp.time) }))),
      );
    }
  });
}
