import { makeCertificates, readPem } from './certs';
import { startFakeServer, type FakeServer } from './fake-rdp-server';

/**
 * A loopback server that answers like a healthy Windows RDP listener: TLS accepted (NLA
 * optional), a valid certificate for 127.0.0.1. Tests that plant their cause in the simulated
 * Windows machine scan against it, so the handshake tier is healthy and only the planted cause
 * shows.
 */
export async function startHealthyRdpServer(names?: string): Promise<FakeServer> {
  const certs = await makeCertificates(names);
  const pem = await readPem(certs, 'valid');
  await certs.cleanup();
  return startFakeServer({ kind: 'windows', supports: 0x1 | 0x2 | 0x8, allowRdp: false, noMatchFailure: 1, afterSelect: 'tls' }, pem);
}
