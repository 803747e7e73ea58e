import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import {
  connect as tlsConnect,
  createSecureContext,
  type ConnectionOptions,
  type SecureContext,
  type SecureVersion,
  type TLSSocket,
} from 'node:tls';
import type { TlsHandshake, TlsOutcome, TlsVersion } from '../../../shared/probe-facts';
import { describeCertificate, type CertificateMemo } from './certificate';

/**
 * The TLS handshake on the socket the server just agreed to secure (SSL or HYBRID selected).
 * It stops right after the handshake: no CredSSP, no credentials, nothing an account lockout
 * policy could count.
 */

/**
 * OpenSSL 3 refuses TLS 1.0/1.1 and SHA-1 signatures at its default security level; level 0 lets
 * the probe see what an old server offers. The probe never sends secrets, so weak is harmless.
 */
const PERMISSIVE_CIPHERS = 'DEFAULT:@SECLEVEL=0';

let permissive: boolean | undefined;
/**
 * Electron's Node links BoringSSL, which has no @SECLEVEL and rejects the string: there the
 * library defaults are used (old versions then show as 'unsupported-locally' or refused).
 */
function cipherList(): string | undefined {
  if (permissive === undefined) {
    try {
      createSecureContext({ ciphers: PERMISSIVE_CIPHERS, minVersion: 'TLSv1' });
      permissive = true;
    } catch {
      permissive = false;
    }
  }
  return permissive ? PERMISSIVE_CIPHERS : undefined;
}

const contexts = new Map<string, SecureContext>();
/**
 * One client context per version range, made once: building a SecureContext per connection was a
 * quarter of the probe's CPU in a 1,000-host fleet scan. Sharing it resumes nothing: a session is
 * only reused when one is passed to connect(), and the probe never passes one.
 */
function contextFor(min: SecureVersion, max: SecureVersion): SecureContext {
  const key = `${min}-${max}`;
  let c = contexts.get(key);
  if (!c) {
    c = createSecureContext({ minVersion: min, maxVersion: max, ciphers: cipherList() });
    contexts.set(key, c);
  }
  return c;
}

const NOT_TLS =
  /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|RECORD_LENGTH_MISMATCH|UNEXPECTED_MESSAGE|UNEXPECTED_RECORD|HTTP_REQUEST|BAD_RECORD_TYPE|RECORD_LAYER_FAILURE|LENGTH_MISMATCH|BAD_PACKET|DECODE_ERROR|EXCESSIVE_MESSAGE_SIZE|RECORD_TOO_LARGE|ENCRYPTED_LENGTH_TOO_LONG|BAD_LENGTH|DATA_LENGTH_TOO_LONG/;
/** The server's answer is a version outside what this attempt offered: it does not speak ours. */
const VERSION_REFUSED = /UNSUPPORTED_PROTOCOL|VERSION_TOO_LOW|VERSION_TOO_HIGH|WRONG_SSL_VERSION/;

/** Names a TLS-stage error the way the findings need it. Pure, so the fuzz test can drive it. */
export function classifyTlsError(err: { code?: string; syscall?: string; message?: string }): TlsOutcome {
  const code = err.code ?? '';
  if (code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' || code === 'ERR_SSL_NO_CIPHERS_AVAILABLE') return 'unsupported-locally';
  if (/ALERT/.test(code) || VERSION_REFUSED.test(code)) return 'alert';
  if (NOT_TLS.test(code)) return 'not-tls';
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    // Node reports a plain FIN during the handshake as ECONNRESET too, without a syscall.
    return err.syscall ? 'reset' : 'closed';
  }
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return 'closed';
  return 'error';
}

export interface TlsStageOptions {
  /** The name the user typed: sent as SNI (not for IP addresses) and checked against the certificate. */
  host: string;
  /** Pin one version (the version sweep); null offers everything from TLS 1.0 to 1.3. */
  version: TlsVersion | null;
  timeoutMs: number;
  signal?: AbortSignal;
  now: () => Date;
  /** Certificates this probe already described (see CertificateMemo). */
  certificates?: CertificateMemo;
  /** Bytes the X.224 stage read past the Confirm: they belong to the TLS stream. */
  extra?: Buffer;
  /**
   * Runs inside the session once the handshake succeeds (the CredSSP stage), before the socket is
   * closed. It has its own deadline; errors on the socket from then on are its to report.
   */
  afterHandshake?: (secure: TLSSocket) => Promise<void>;
}

const ignore = () => {};

/** Handshake, describe, close. Always resolves; the socket is destroyed when it does. */
export function tlsHandshake(socket: Socket, options: TlsStageOptions): Promise<TlsHandshake> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    if (options.extra && options.extra.length > 0) socket.unshift(options.extra);
    const min: SecureVersion = options.version ?? 'TLSv1';
    const max: SecureVersion = options.version ?? 'TLSv1.3';
    const tlsOptions: ConnectionOptions = {
      socket,
      rejectUnauthorized: false,
      // A fresh session every time: a resumed one would hide the certificate.
      session: undefined,
    };
    if (!isIP(options.host)) tlsOptions.servername = options.host;
    let tls: ReturnType<typeof tlsConnect>;
    const result = (outcome: TlsOutcome, error: string | null, extra: Partial<TlsHandshake> = {}): TlsHandshake => ({
      outcome,
      version: null,
      cipher: null,
      error,
      certificate: null,
      ms: performance.now() - started,
      ...extra,
    });
    let secured = false;
    const finish = (r: TlsHandshake) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      tls?.destroy();
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => secured || finish(result('cancelled', 'cancelled'));
    const timer = setTimeout(() => finish(result('timeout', `no TLS handshake within ${options.timeoutMs} ms`)), options.timeoutMs);
    if (options.signal?.aborted) return finish(result('cancelled', 'cancelled'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      tlsOptions.secureContext = contextFor(min, max);
      tls = tlsConnect(tlsOptions);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return finish(result(classifyTlsError(e), e.code ?? e.message));
    }
    tls.on('error', ignore);
    tls.once('secureConnect', () => {
      let certificate: TlsHandshake['certificate'] = null;
      try {
        const peer = tls.getPeerX509Certificate();
        certificate = peer ? describeCertificate(peer, options.host, options.now(), options.certificates) : null;
      } catch {
        certificate = null;
      }
      const ok = result('ok', null, {
        version: tls.getProtocol() ?? null,
        cipher: tls.getCipher()?.standardName ?? tls.getCipher()?.name ?? null,
        certificate,
      });
      if (!options.afterHandshake) return finish(ok);
      secured = true;
      clearTimeout(timer);
      options.afterHandshake(tls).then(
        () => finish(ok),
        () => finish(ok),
      );
    });
    tls.on('error', (err: NodeJS.ErrnoException) => secured || finish(result(classifyTlsError(err), err.code ?? err.message)));
    tls.once('close', () => secured || finish(result('closed', 'connection closed during the TLS handshake')));
  });
}
