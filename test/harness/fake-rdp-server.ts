import { createServer, type Server, type Socket } from 'node:net';
import { TLSSocket, type SecureVersion } from 'node:tls';
import { ntlmChallenge, tsRequest, type WindowsIdentity } from '../../electron/main/simulated/listener/ntlm-challenge';

export { ntlmChallenge, tsRequest, type WindowsIdentity };

/**
 * A small RDP-ish server for what xrdp never does: select HYBRID / HYBRID_EX, refuse with failure
 * codes 2, 5, 6, and every hostile behaviour a probe must survive (drip, flood, garbage, resets
 * at each stage, silence, other protocols' banners). 127.0.0.1 only.
 */

export interface WindowsLike {
  kind: 'windows';
  /** Protocol bits the server accepts (SSL 0x1, HYBRID 0x2, RDSTLS 0x4, HYBRID_EX 0x8); RDP = allowRdp. */
  supports: number;
  allowRdp: boolean;
  /** RDP_NEG_FAILURE code when nothing requested is acceptable (1 SSL required, 2 SSL not allowed, 5 HYBRID required). */
  noMatchFailure: number;
  tls?: { minVersion?: SecureVersion; maxVersion?: SecureVersion; ciphers?: string };
  /** What happens once TLS should start. */
  afterSelect?: 'tls' | 'reset' | 'close' | 'garbage' | 'silent' | 'flood' | 'drip';
  /** Counts TLS sessions set up and application bytes received in them (CredSSP would be the first). */
  record?: { secured: number; appBytes: number; received?: Buffer[] };
  /**
   * What the server does with the client's first TSRequest inside TLS once it selected HYBRID or
   * HYBRID_EX: answer with an NTLM CHALLENGE from this identity (the default: a workgroup
   * Windows Server 2022), send raw bytes (hostile servers), or hang up.
   */
  credssp?: { identity: WindowsIdentity } | { raw: Buffer; then?: 'end' | 'stay' | 'reset' } | 'close';
}

/** A workgroup Windows Server 2022 (10.0.20348), as its RDP listener answers an NTLM NEGOTIATE. */
export const WINDOWS_2022_WORKGROUP: WindowsIdentity = {
  netbiosComputer: 'RDS01',
  netbiosDomain: 'RDS01',
  dnsComputer: 'RDS01',
  dnsDomain: 'RDS01',
  dnsTree: null,
  member: false,
  version: { major: 10, minor: 0, build: 20348 },
  credsspVersion: 6,
};

/** Reads one whole DER TSRequest from the TLS stream, then hands it over. */
function onTsRequest(tls: TLSSocket, then: (req: Buffer) => void): void {
  let buf = Buffer.alloc(0);
  const onData = (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    if (buf.length < 2) return;
    const first = buf[1]!;
    const header = first & 0x80 ? 2 + (first & 0x7f) : 2;
    if (buf.length < header) return;
    let len = first;
    if (first & 0x80) {
      len = 0;
      for (let i = 2; i < header; i++) len = len * 256 + buf[i]!;
    }
    if (buf.length >= header + len) {
      tls.off('data', onData);
      then(buf);
    }
  };
  tls.on('data', onData);
}

function serveCredssp(tls: TLSSocket, w: WindowsLike): void {
  const how = w.credssp ?? { identity: WINDOWS_2022_WORKGROUP };
  onTsRequest(tls, () => {
    if (how === 'close') return void tls.end();
    if ('identity' in how) return void tls.write(tsRequest(how.identity.credsspVersion, ntlmChallenge(how.identity)));
    tls.write(how.raw, () => {
      if (how.then === 'end') tls.end();
      else if (how.then === 'reset') tls.destroy();
    });
  });
}

export type Hostile =
  | 'legacy'
  | 'failure-2'
  | 'failure-5'
  | 'failure-6'
  | 'failure-99'
  | 'x224-disconnect'
  | 'slow-drip'
  | 'huge-length'
  | 'flood'
  | 'malformed-li'
  | 'malformed-type'
  | 'truncated-close'
  | 'reset-on-connect'
  | 'close-on-connect'
  | 'reset-after-request'
  | 'close-after-request'
  | 'silent'
  | 'http'
  | 'ssh'
  | 'tls-alert'
  | 'garbage';

export type Behaviour = WindowsLike | Hostile;

export interface FakeServer {
  port: number;
  /** Connections seen so far. */
  connections(): number;
  close(): Promise<void>;
}

export interface Pem {
  key: string;
  cert: string;
}

export function confirm(type: 2 | 3, value: number, flags = 0): Buffer {
  const b = Buffer.from([3, 0, 0, 19, 14, 0xd0, 0, 0, 0x12, 0x34, 0, type, flags, 8, 0, 0, 0, 0, 0]);
  b.writeUInt32LE(value >>> 0, 15);
  return b;
}

const LEGACY = Buffer.from([3, 0, 0, 11, 6, 0xd0, 0, 0, 0x12, 0x34, 0]);

/** Reads the requestedProtocols of a Connection Request, or null for a legacy one. */
/**
 * The requestedProtocols of an X.224 Connection Request (MS-RDPBCGR 2.2.1.1): after the 11 bytes of
 * TPKT and X.224 header, an optional routingToken or cookie ("Cookie: mstshash=...", as mstsc and
 * nmap send it) ending in CR LF, then the 8-byte RDP_NEG_REQ (type 1).
 */
function requestedOf(req: Buffer): number | null {
  let at = 11;
  if (req[at] !== 1) {
    const crlf = req.indexOf('\r\n', at);
    if (crlf === -1) return null;
    at = crlf + 2;
  }
  return req.length >= at + 8 && req[at] === 1 ? req.readUInt32LE(at + 4) : null;
}

function onceRequest(socket: Socket, then: (req: Buffer) => void): void {
  let buf = Buffer.alloc(0);
  const onData = (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    if (buf.length >= 4 && buf.length >= buf.readUInt16BE(2)) {
      socket.off('data', onData);
      then(buf);
    }
  };
  socket.on('data', onData);
}

function drip(socket: Socket, bytes: Buffer, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= bytes.length) return clearInterval(timer);
    socket.write(bytes.subarray(i, i + 1));
    i++;
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

function flood(socket: Socket, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  let sent = 0;
  const pump = () => {
    while (sent < total && !socket.destroyed) {
      sent += chunk.length;
      if (!socket.write(chunk)) return void socket.once('drain', pump);
    }
  };
  pump();
}

/**
 * What a Windows server picks: its favourite among what it is offered and supports. A client that
 * offers only standard RDP security gets it if allowed; one that offered external protocols the
 * server does not take gets the configured failure (MS-RDPBCGR 3.3.5.3.1: an RDP-only server
 * answers SSL_NOT_ALLOWED_BY_SERVER, and the client retries without them).
 */
function windowsChoice(w: WindowsLike, requested: number | null): { type: 2 | 3; value: number } | 'legacy' {
  if (requested === null) return w.allowRdp ? 'legacy' : { type: 3, value: w.noMatchFailure };
  for (const bit of [0x8, 0x2, 0x4, 0x1]) {
    if (requested & bit && w.supports & bit) return { type: 2, value: bit };
  }
  return requested === 0 && w.allowRdp ? { type: 2, value: 0 } : { type: 3, value: w.noMatchFailure };
}

function serveWindows(socket: Socket, w: WindowsLike, pem: Pem | null): void {
  onceRequest(socket, (req) => {
    const choice = windowsChoice(w, requestedOf(req));
    if (choice === 'legacy') return void socket.write(LEGACY);
    socket.write(confirm(choice.type, choice.value));
    if (choice.type === 3 || choice.value === 0) return void socket.end();
    switch (w.afterSelect ?? 'tls') {
      case 'tls': {
        if (!pem) return void socket.destroy();
        const tls = new TLSSocket(socket, {
          isServer: true,
          key: pem.key,
          cert: pem.cert,
          minVersion: w.tls?.minVersion ?? 'TLSv1.2',
          maxVersion: w.tls?.maxVersion ?? 'TLSv1.3',
          ciphers: w.tls?.ciphers ?? 'DEFAULT:@SECLEVEL=0',
        });
        tls.on('error', () => socket.destroy());
        tls.on('secure', () => w.record && w.record.secured++);
        tls.on('data', (d: Buffer) => {
          if (!w.record) return;
          w.record.appBytes += d.length;
          w.record.received?.push(d);
        });
        if (choice.value & (0x2 | 0x8)) serveCredssp(tls, w);
        return;
      }
      case 'reset':
        return void socket.once('data', () => socket.resetAndDestroy());
      case 'close':
        return void socket.once('data', () => socket.end());
      case 'garbage':
        return void socket.once('data', () => socket.write(Buffer.from('this is not a TLS ServerHello at all\r\n')));
      case 'silent':
        return;
      case 'flood':
        return void socket.once('data', () => flood(socket, 8 * 1024 * 1024));
      case 'drip':
        return void socket.once('data', () => drip(socket, Buffer.from([0x16, 3, 3, 0x40, 0, 2, 0, 0, 0x3c, 3, 3]), 150));
    }
  });
}

function serveHostile(socket: Socket, h: Hostile): void {
  switch (h) {
    case 'reset-on-connect':
      return void socket.resetAndDestroy();
    case 'close-on-connect':
      return void socket.end();
    case 'ssh':
      socket.write('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
      return;
    case 'silent':
      return;
  }
  onceRequest(socket, () => {
    switch (h) {
      case 'legacy':
        return void socket.write(LEGACY);
      case 'failure-2':
        return void socket.end(confirm(3, 2));
      case 'failure-5':
        return void socket.end(confirm(3, 5));
      case 'failure-6':
        return void socket.end(confirm(3, 6));
      case 'failure-99':
        return void socket.end(confirm(3, 99));
      case 'x224-disconnect':
        return void socket.end(Buffer.from([3, 0, 0, 11, 6, 0x80, 0, 0, 0x12, 0x34, 0]));
      case 'slow-drip':
        return drip(socket, confirm(2, 1), 200);
      case 'huge-length':
        socket.write(Buffer.from([3, 0, 0xff, 0xff, 0xfa, 0xd0]));
        return flood(socket, 4 * 1024 * 1024);
      case 'flood':
        return flood(socket, 16 * 1024 * 1024);
      case 'malformed-li': {
        const b = confirm(2, 1);
        b[4] = 3;
        return void socket.write(b);
      }
      case 'malformed-type': {
        const b = confirm(2, 1);
        b[11] = 0x7f;
        return void socket.write(b);
      }
      case 'truncated-close':
        return void socket.end(confirm(2, 1).subarray(0, 9));
      case 'reset-after-request':
        return void socket.resetAndDestroy();
      case 'close-after-request':
        return void socket.end();
      case 'http':
        return void socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      case 'tls-alert':
        return void socket.end(Buffer.from([0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]));
      case 'garbage':
        return void socket.end(Buffer.from('\x00\xff\x13\x37garbage\x01\x02'));
    }
  });
}

/** Hands every accepted socket to `serve` (a behaviour, or raw code for the fuzz test). */
export async function startFakeServer(behaviour: Behaviour | ((socket: Socket) => void), pem: Pem | null = null): Promise<FakeServer> {
  // Said at start-up, not thrown later inside a socket handler where it would crash the test run.
  if (typeof behaviour === 'object' && (behaviour.afterSelect ?? 'tls') === 'tls' && behaviour.supports !== 0 && !pem?.key) {
    throw new Error('startFakeServer: a server that selects TLS needs a Pem { key, cert } (see readPem in certs.ts)');
  }
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
    if (typeof behaviour === 'function') behaviour(socket);
    else if (typeof behaviour === 'string') serveHostile(socket, behaviour);
    else serveWindows(socket, behaviour, pem);
  });
  server.maxConnections = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 511, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
