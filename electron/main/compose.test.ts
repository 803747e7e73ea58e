import { describe, expect, it } from 'vitest';
import { createPorts, type AppEnvironment } from './compose';
import { ElevatedWindows } from './elevation/elevated-windows';
import { RoutingWindows } from './remote/router';

const local = (e: AppEnvironment) => (createPorts(e).windows as RoutingWindows).local;

// Which Windows port the app gets decides whether fixes prompt: nothing is started here.
const env = (over: Partial<AppEnvironment>): AppEnvironment => ({
  platform: 'win32',
  version: '1.0.0',
  simulate: null,
  scriptsDir: 'C:\\Program Files\\RDP Doctor\\resources\\scripts',
  userDataDir: 'C:\\Users\\me\\AppData\\Roaming\\RDP Doctor',
  elevated: false,
  ...over,
});

describe('createPorts on Windows', () => {
  it('unelevated: fixes go through the elevated helper', () => {
    expect(local(env({}))).toBeInstanceOf(ElevatedWindows);
  });

  it('already elevated: fixes still go through the helper (started without a prompt), whose store a standard user cannot plant a backup in', () => {
    expect(local(env({ elevated: true }))).toBeInstanceOf(ElevatedWindows);
  });
});

describe('createPorts with --simulate', () => {
  it('is two computers: this PC is the simulated laptop, and office-pc is another computer until remoting reaches it', async () => {
    const ports = createPorts(env({ simulate: 'firewall-rule-disabled', platform: 'linux' }));
    expect(ports.servers.me.name).toBe('LAPTOP-JÜRGEN');
    const office = { host: 'office-pc', port: 3389 };
    expect(ports.servers.placeFor(office)).toEqual({ kind: 'not-checked' });
    await ports.remote!.connect({ host: 'office-pc', username: 'OFFICE-PC\\admin', password: 'x' });
    expect(ports.servers.placeFor(office)).toEqual({ kind: 'remoting', computer: 'OFFICE-PC' });
    await ports.dispose!();
  });
});
