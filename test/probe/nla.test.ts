import { describe, expect, it } from 'vitest';
import { buildTsRequest, readTsRequest } from '../../electron/main/probe/credssp';
import { buildNegotiate, parseChallenge } from '../../electron/main/probe/ntlm';
import { probeTarget } from '../../electron/main/probe/probe';
import { ProbeReportSchema, type ProbeReport } from '../../shared/probe-facts';
import { ntlmChallenge, tsRequest, WINDOWS_2022_WORKGROUP, type WindowsLike } from '../harness/fake-rdp-server';
import { useFakeServers } from './fake-servers';

/**
 * The NLA stage against the fake Windows server: what a domain member, a workgroup computer and an
 * old unpatched server answer to an NTLM NEGOTIATE inside CredSSP, and the ways it can refuse.
 */

const servers = useFakeServers();

const nlaServer: WindowsLike = { kind: 'windows', supports: 0x2 | 0x8, allowRdp: false, noMatchFailure: 5 };

async function probe(w: Partial<WindowsLike>, options: { nla?: boolean; stageTimeoutMs?: number } = {}): Promise<ProbeReport> {
  const srv = await servers.start({ ...nlaServer, ...w });
  const r = await probeTarget('127.0.0.1', { port: srv.port, timeoutMs: 5000, ...options });
  expect(ProbeReportSchema.parse(r)).toEqual(r);
  return r;
}

describe('messages', () => {
  it('the NEGOTIATE asks for the server VERSION and names nobody', () => {
    const m = buildNegotiate();
    expect(m.subarray(0, 12)).toEqual(Buffer.from('NTLMSSP\0\x01\0\0\0', 'latin1'));
    const flags = m.readUInt32LE(12);
    expect(flags & 0x02000000).not.toBe(0); // NTLMSSP_NEGOTIATE_VERSION
    expect(flags & 0x00001000).toBe(0); // no NEGOTIATE_OEM_DOMAIN_SUPPLIED
    expect(flags & 0x00002000).toBe(0); // no NEGOTIATE_OEM_WORKSTATION_SUPPLIED
  });

  it('TSRequest round trip: the layout nmap sends, in DER, announcing CredSSP 6', () => {
    // nmap rdp-ntlm-info.nse sends 30 37 a0 03 02 01 60 a1 30 30 2e 30 2c a0 2a 04 28 <40-byte
    // NEGOTIATE>: the same structure, with version 0x60 where MS-CSSP allows 2..6.
    const req = buildTsRequest(buildNegotiate());
    expect(req.subarray(0, 17).toString('hex')).toBe('3037a003020106a130302e302ca02a0428');
    const back = readTsRequest(req, true);
    expect(back).toMatchObject({ done: true, ok: true, request: { version: 6, errorCode: null } });
  });

  it('a TSRequest that arrives in pieces waits for the rest, and says so once the stream ends', () => {
    const whole = tsRequest(6, ntlmChallenge(WINDOWS_2022_WORKGROUP));
    for (let cut = 0; cut < whole.length; cut++) {
      expect(readTsRequest(whole.subarray(0, cut), false).done).toBe(false);
      expect(readTsRequest(whole.subarray(0, cut), true)).toMatchObject({ done: true, ok: false });
    }
    expect(readTsRequest(whole, false)).toMatchObject({ done: true, ok: true });
  });

  it('an NTSTATUS errorCode comes back unsigned', () => {
    const r = readTsRequest(tsRequest(6, null, 0xc000006d), true);
    expect(r).toMatchObject({ done: true, ok: true, request: { errorCode: 0xc000006d, negoToken: null } });
  });

  it('clock skew: the server clock minus ours', () => {
    const at = new Date('2026-03-01T12:00:00Z');
    const c = parseChallenge(ntlmChallenge({ ...WINDOWS_2022_WORKGROUP, time: new Date('2026-03-01T12:07:30Z') }), at);
    expect(c).toMatchObject({ ok: true, challenge: { serverTime: '2026-03-01T12:07:30.000Z', clockSkewMs: 450_000 } });
  });
});

describe('over CredSSP, against the fake Windows server', () => {
  it('a workgroup Windows Server 2022: its names, build 20348, CredSSP 6, a workgroup answer', async () => {
    const r = await probe({});
    const nla = r.addresses[0]!.nla!;
    expect(nla).toMatchObject({
      outcome: 'challenge',
      credsspVersion: 6,
      errorCode: null,
      challenge: {
        targetName: 'RDS01',
        netbiosComputer: 'RDS01',
        dnsComputer: 'RDS01',
        dnsTree: null,
        osVersion: { major: 10, minor: 0, build: 20348 },
        targetType: 'server',
      },
    });
    expect(Math.abs(nla.challenge!.clockSkewMs!)).toBeLessThan(5000);
    // On the mstsc-like connection; the HYBRID_EX request stops after TLS, as before.
    expect(r.addresses[0]!.negotiation[0]!.nla).toEqual(nla);
    expect(r.addresses[0]!.negotiation.filter((n) => n.nla)).toHaveLength(1);
  });

  it('a domain member: domain names, forest, the TARGET_TYPE_DOMAIN flag', async () => {
    const identity = {
      netbiosComputer: 'TS07',
      netbiosDomain: 'CORP',
      dnsComputer: 'ts07.corp.example.com',
      dnsDomain: 'corp.example.com',
      dnsTree: 'example.com',
      member: true,
      version: { major: 10, minor: 0, build: 17763 },
      credsspVersion: 6,
    };
    const r = await probe({ credssp: { identity } });
    expect(r.addresses[0]!.nla!.challenge).toMatchObject({
      targetName: 'CORP',
      netbiosComputer: 'TS07',
      netbiosDomain: 'CORP',
      dnsComputer: 'ts07.corp.example.com',
      dnsDomain: 'corp.example.com',
      dnsTree: 'example.com',
      osVersion: { major: 10, minor: 0, build: 17763 },
      targetType: 'domain',
    });
  });

  it('an unpatched Windows 7 / 2008 R2 (CredSSP 3, build 7601): both are reported as sent', async () => {
    const identity = { ...WINDOWS_2022_WORKGROUP, netbiosComputer: 'OLD', version: { major: 6, minor: 1, build: 7601 }, credsspVersion: 3 };
    const r = await probe({ credssp: { identity } });
    expect(r.addresses[0]!.nla).toMatchObject({
      outcome: 'challenge',
      credsspVersion: 3,
      challenge: { osVersion: { major: 6, minor: 1, build: 7601 } },
    });
  });

  it('errorCode instead of a CHALLENGE (NTLM refused by policy): the NTSTATUS', async () => {
    const r = await probe({ credssp: { raw: tsRequest(6, null, 0xc0000022 /* STATUS_ACCESS_DENIED */), then: 'end' } });
    expect(r.addresses[0]!.nla).toMatchObject({ outcome: 'error-code', errorCode: 0xc0000022, credsspVersion: 6, challenge: null });
  });

  it('a hang-up instead of an answer', async () => {
    const r = await probe({ credssp: 'close' });
    expect(r.addresses[0]!.nla).toMatchObject({ outcome: 'closed', challenge: null });
    // The TLS stage still counts as having worked.
    expect(r.addresses[0]!.tls?.outcome).toBe('ok');
  });

  it('a SPNEGO/Kerberos-only answer is not mistaken for NTLM', async () => {
    const r = await probe({ credssp: { raw: tsRequest(6, Buffer.from([0xa1, 0x03, 0x30, 0x01, 0x00])), then: 'end' } });
    expect(r.addresses[0]!.nla).toMatchObject({ outcome: 'no-challenge', credsspVersion: 6 });
  });

  it('silence after the NEGOTIATE ends at the stage timeout', async () => {
    const r = await probe({ credssp: { raw: Buffer.alloc(0), then: 'stay' } }, { stageTimeoutMs: 400 });
    expect(r.addresses[0]!.nla).toMatchObject({ outcome: 'timeout' });
    // Its own deadline, not the probe's overall one.
    expect(r.interrupted).toBeNull();
  });

  it('cancelling the probe while the server sits on the NEGOTIATE ends the stage at once', async () => {
    const srv = await servers.start({ ...nlaServer, credssp: { raw: Buffer.alloc(0), then: 'stay' } });
    const abort = new AbortController();
    const r = probeTarget('127.0.0.1', {
      port: srv.port,
      timeoutMs: 20_000,
      stageTimeoutMs: 10_000,
      signal: abort.signal,
      tlsVersions: false,
    });
    setTimeout(() => abort.abort(), 300);
    const report = await r;
    expect(report.interrupted).toBe('cancelled');
    expect(report.addresses[0]!.nla).toMatchObject({ outcome: 'cancelled' });
    expect(report.addresses[0]!.tls?.outcome).toBe('ok');
  });

  it('nla: false stops after TLS as before', async () => {
    const record = { secured: 0, appBytes: 0 };
    const r = await probe({ record }, { nla: false });
    expect(r.addresses[0]!.nla).toBeUndefined();
    await new Promise((res) => setTimeout(res, 50));
    expect(record.appBytes).toBe(0);
  });

  it('a server that selects SSL (no NLA) gets no CredSSP at all', async () => {
    const record = { secured: 0, appBytes: 0 };
    const r = await probe({ supports: 0x1, allowRdp: true, noMatchFailure: 2, record });
    expect(r.addresses[0]!.nla).toBeUndefined();
    expect(record.appBytes).toBe(0);
  });
});
