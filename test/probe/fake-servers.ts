import type { Socket } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { makeCertificates, readPem, type CertSet } from '../harness/certs';
import { startFakeServer, type Behaviour, type FakeServer, type Pem } from '../harness/fake-rdp-server';

/** Fake servers for one test file, with its test certificate: made before the tests, closed after. */
export function useFakeServers(): { start(b: Behaviour | ((socket: Socket) => void)): Promise<FakeServer> } {
  let certs: CertSet | undefined;
  let pem: Pem | null = null;
  const open: FakeServer[] = [];
  beforeAll(async () => {
    certs = await makeCertificates();
    pem = await readPem(certs);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await certs?.cleanup();
  });
  return {
    async start(b) {
      const srv = await startFakeServer(b, pem);
      open.push(srv);
      return srv;
    },
  };
}
