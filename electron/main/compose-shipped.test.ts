import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnvironment } from './compose';

// The shipped build defines RDP_DOCTOR_SIMULATION as 'left-out' (electron.vite.config.ts); here
// the variable stands in for that definition, read when compose.ts loads.
async function shippedCompose() {
  vi.stubEnv('RDP_DOCTOR_SIMULATION', 'left-out');
  vi.resetModules();
  return import('./compose');
}

const env: AppEnvironment = {
  platform: 'linux',
  version: '1.0.0',
  simulate: 'certificate-expired',
  scriptsDir: '/opt/rdp-doctor/resources/scripts',
  userDataDir: '/tmp/rdp-doctor-user',
  elevated: false,
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('--simulate in a build that leaves the simulation out', () => {
  it('every Windows check says the build has no simulation, and how to get one', async () => {
    const { createPorts } = await shippedCompose();
    const ports = createPorts(env);
    await expect(ports.windows.run('check-rdp-services', {}, { elevated: false, side: 'client' })).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/leaves the simulation out.*npm start -- --simulate/),
    });
    expect(ports.scenarios).toEqual([]);
  });
});
