import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOnce, type Attempt } from '../../electron/main/probe/tcp';
import { checkWinRmPorts, explainRemotingError, trustedHostsCommand } from '../../electron/main/remote/winrm';

// Loopback stands in for the server: one port that listens (WinRM answers), one that does not.
let open: Server;
let openPort: number;
let closedPort: number;

beforeAll(async () => {
  open = createServer((s) => s.destroy());
  await new Promise<void>((r) => open.listen(0, '127.0.0.1', r));
  openPort = (open.address() as { port: number }).port;
  const gone = createServer();
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  closedPort = (gone.address() as { port: number }).port;
  await new Promise<void>((r) => gone.close(() => r()));
});
afterAll(async () => {
  await new Promise<void>((r) => open.close(() => r()));
});

describe('does WinRM answer: TCP 5985 / 5986 from Node', () => {
  it('a closed port on both: WinRM is not enabled, run Enable-PSRemoting on the server', async () => {
    const r = await checkWinRmPorts('127.0.0.1', {
      connect: connectOnce,
      ports: [
        { port: closedPort, transport: 'http' },
        { port: closedPort, transport: 'https' },
      ],
    });
    expect(r.transport).toBeNull();
    expect(r.attempts.map((a) => a.attempt.state)).toEqual(['refused', 'refused']);
    expect(r.explanation).toMatchObject({ problem: 'not-enabled', fix: { where: 'server', command: 'Enable-PSRemoting -Force' } });
    expect(r.explanation!.message).toMatch(/^WinRM is not enabled on 127\.0\.0\.1/);
    expect(r.explanation!.message).toContain('run Enable-PSRemoting -Force in PowerShell as administrator');
  });

  it('an open HTTP port: WinRM answers, over HTTP', async () => {
    const r = await checkWinRmPorts('127.0.0.1', {
      connect: connectOnce,
      ports: [
        { port: openPort, transport: 'http' },
        { port: closedPort, transport: 'https' },
      ],
    });
    expect(r).toMatchObject({ transport: 'http', explanation: null });
  });

  it('only the HTTPS port open: uses HTTPS', async () => {
    const r = await checkWinRmPorts('127.0.0.1', {
      connect: connectOnce,
      ports: [
        { port: closedPort, transport: 'http' },
        { port: openPort, transport: 'https' },
      ],
    });
    expect(r.transport).toBe('https');
  });

  const fake =
    (state: Attempt['state'], error: string | null) =>
    async (address: string): Promise<Attempt> => ({ address, state, ms: 1, error });

  it('silence on both ports: a firewall drops WinRM', async () => {
    const r = await checkWinRmPorts('srv01', { connect: fake('filtered', 'no answer within 3000 ms') });
    expect(r.explanation).toMatchObject({ problem: 'firewall' });
    expect(r.explanation!.message).toMatch(/did not answer on ports 5985 and 5986.*firewall/);
  });

  it('a name that does not resolve, and no route, are said as such', async () => {
    expect((await checkWinRmPorts('nope.invalid', { connect: fake('error', 'ENOTFOUND') })).explanation).toMatchObject({
      problem: 'name-not-found',
    });
    expect((await checkWinRmPorts('10.9.9.9', { connect: fake('unreachable', 'EHOSTUNREACH') })).explanation).toMatchObject({
      problem: 'unreachable',
    });
  });
});

describe('what Invoke-Command said, in plain English', () => {
  it('access denied: wrong password or not an administrator, LocalAccountTokenFilterPolicy for local accounts', () => {
    const e = explainRemotingError(
      'srv01',
      'Connecting to remote server srv01 failed with the following error message : Access is denied. For more information, see the about_Remote_Troubleshooting Help topic.',
    );
    expect(e.problem).toBe('access-denied');
    expect(e.message).toMatch(/not an administrator/);
    expect(e.message).toMatch(/LocalAccountTokenFilterPolicy/);
  });

  it('TrustedHosts for an IP address or a workgroup server, with the exact command for this computer', () => {
    const e = explainRemotingError(
      '10.0.0.9',
      'The WinRM client cannot process the request. Default authentication may be used with an IP address under the following conditions: the transport is HTTPS or the destination is in the TrustedHosts list, and explicit credentials are provided.',
    );
    expect(e.problem).toBe('trusted-hosts');
    expect(e.fix).toEqual({
      where: 'this computer',
      command: "Set-Item -Path WSMan:\\localhost\\Client\\TrustedHosts -Value '10.0.0.9' -Concatenate -Force",
    });
    expect(e.message).toMatch(/an IP address cannot use Kerberos/);
    expect(
      explainRemotingError(
        'srv01',
        'If the authentication scheme is different from Kerberos, or if the client computer is not joined to a domain, then HTTPS transport must be used or the destination machine must be added to the TrustedHosts configuration setting.',
      ).problem,
    ).toBe('trusted-hosts');
  });

  it('Kerberos: domain name vs IP, workgroup advice', () => {
    const e = explainRemotingError(
      'srv01',
      'WinRM cannot process the request. The following error with errorcode 0x80090311 occurred while using Kerberos authentication.',
    );
    expect(e.problem).toBe('kerberos');
    expect(e.message).toMatch(/full name/);
    expect(e.message).toMatch(/workgroup/);
  });

  it('wrong password, unreachable WinRM, HTTPS certificate', () => {
    expect(explainRemotingError('srv01', 'The user name or password is incorrect.').problem).toBe('wrong-password');
    expect(
      explainRemotingError('srv01', 'WinRM cannot complete the operation. Verify that the specified computer name is valid').problem,
    ).toBe('firewall');
    expect(explainRemotingError('srv01', 'The SSL certificate contains a common name (CN) that does not match the hostname.').problem).toBe(
      'certificate',
    );
    expect(explainRemotingError('srv01', 'Something new').problem).toBe('unknown');
  });

  it('the suggested command quotes the host as a PowerShell literal', () => {
    expect(trustedHostsCommand("a'b")).toContain("-Value 'a''b'");
  });
});
