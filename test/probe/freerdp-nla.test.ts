import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../electron/cli/rdp-doctor';
import { probeTarget } from '../../electron/main/probe/probe';
import { ProbeReportSchema, type ProbeReport } from '../../shared/probe-facts';
import { expectedShadowChallenge, startShadow, type RunningShadow } from '../harness/freerdp-shadow';

/**
 * The NLA stage against a real CredSSP server: FreeRDP's shadow server with /sec:nla. What it must
 * answer is derived from this machine's host name and FreeRDP's source (see expectedShadowChallenge),
 * not from what the probe printed.
 */

let server: RunningShadow;
let report: ProbeReport;

beforeAll(async () => {
  server = await startShadow();
  report = await probeTarget('127.0.0.1', { port: server.port, timeoutMs: 8000 });
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

describe('freerdp-shadow-cli /sec:nla', () => {
  it('selects HYBRID only, and TLS works on that connection', () => {
    expect(ProbeReportSchema.parse(report)).toEqual(report);
    const a = report.addresses[0]!;
    expect(a.accepted).toMatchObject({ HYBRID: 'yes', SSL: 'no', RDP: 'no' });
    expect(a.tls?.outcome).toBe('ok');
  });

  it('answers the NTLM NEGOTIATE with its names, OS version, clock and CredSSP version', () => {
    const want = expectedShadowChallenge();
    const nla = report.addresses[0]!.nla!;
    expect(nla.outcome).toBe('challenge');
    expect(nla.credsspVersion).toBe(want.credsspVersion);
    expect(nla.challenge).toMatchObject({
      netbiosComputer: want.netbiosComputer,
      netbiosDomain: want.netbiosDomain,
      dnsComputer: want.dnsComputer,
      dnsDomain: want.dnsDomain,
      dnsTree: want.dnsTree,
      osVersion: want.osVersion,
    });
    // Same machine, same clock: the server's MsvAvTimestamp is now, give or take a second or two.
    expect(Math.abs(Date.parse(nla.challenge!.serverTime!) - Date.parse(report.startedAt))).toBeLessThan(60_000);
  });

  it('the CLI shows the server names and build in plain words', async () => {
    const out: string[] = [];
    const io: CliIo = { stdout: { write: (s) => out.push(s) }, stderr: { write: () => true }, readFile: async () => '' };
    await main(['probe', `127.0.0.1:${server.port}`], io);
    const text = out.join('');
    const want = expectedShadowChallenge();
    expect(text).toContain(`computer ${want.netbiosComputer} (DNS ${want.dnsComputer})`);
    expect(text).toContain('Windows 6.1 build 7601');
    expect(text).toContain('CredSSP version 6');
  });
});
