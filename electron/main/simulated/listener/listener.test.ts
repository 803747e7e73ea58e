import { afterEach, describe, expect, it } from 'vitest';
import { probeTarget } from '../../probe/probe';
import { scenarioComputers, scenarios } from '../scenarios';
import { listenerAnswers, startSimulatedListener, type ListenerBehaviour } from './index';
import { plant } from '../../../../shared/simulated/scenario';
import { PROTOCOL, type ProbeReport } from '../../../../shared/probe-facts';

/**
 * The real probe against each scenario's served listener: what it sees on the wire agrees with
 * what the server's state says Windows would answer. The expectations are read from the model
 * for every scenario, and written out by hand for the ones each rule was made for.
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function probeState(state: Parameters<typeof startSimulatedListener>[0], options: Parameters<typeof startSimulatedListener>[1] = {}) {
  const listener = await startSimulatedListener(state, options);
  closers.push(listener.close);
  const report = await probeTarget(listener.host, { port: listener.port, timeoutMs: 8000, connectTimeoutMs: 700, stageTimeoutMs: 2000 });
  return { listener, report };
}

const MSTSC = PROTOCOL.SSL | PROTOCOL.HYBRID;

/** What the probe saw, in the model's terms. */
function seen(report: ProbeReport) {
  const address = report.addresses[0];
  const main = address?.negotiation.find((n) => n.requested === MSTSC);
  return {
    tcp: report.tcp.attempts[0]?.state,
    confirm: main?.confirm,
    tls: address?.tls?.outcome ?? null,
    versions: address?.tlsVersions.filter((v) => v.accepted === 'yes').map((v) => v.version) ?? [],
    certificate: address?.tls?.certificate ?? null,
    nla: address?.nla ?? null,
  };
}

function expectAgreement(b: ListenerBehaviour, report: ProbeReport) {
  const s = seen(report);
  expect(s.tcp).toBe(b.tcp === 'accepts' ? 'open' : b.tcp);
  if (b.tcp !== 'accepts') return;
  if (b.otherProgram) return expect(s.confirm?.kind).toBe('not-rdp');
  const reply = b.reply(MSTSC);
  if (reply.kind === 'failure') return expect(s.confirm).toMatchObject({ kind: 'failure', code: reply.code });
  expect(s.confirm).toMatchObject({ kind: 'selected', protocol: reply.kind === 'selected' ? reply.protocol : -1 });
  if (b.tls?.outcome === 'resets') return expect(s.tls).toBe('reset');
  expect(s.tls).toBe('ok');
  if (b.tls?.outcome !== 'completes') throw new Error('unreachable');
  expect(new Set(s.versions)).toEqual(new Set(b.tls.versions));
  expect(s.certificate?.commonName).toBe(b.tls.certificate.commonName);
  expect(s.certificate?.validTo).toBe(b.tls.certificate.notAfter);
  if (b.credssp) {
    expect(s.nla?.challenge).toMatchObject({ netbiosComputer: b.credssp.netbiosComputer, osVersion: { build: b.credssp.version.build } });
    expect(s.nla?.credsspVersion).toBe(b.credssp.credsspVersion);
  }
}

describe('every scenario: the probe sees what its server state says', () => {
  it.each(Object.keys(scenarios))('%s', async (name) => {
    const { server } = scenarioComputers(name);
    const { report } = await probeState(server, { name: 'OFFICE-PC' });
    expectAgreement(listenerAnswers(server, { computerName: 'OFFICE-PC', targetPort: 3389 }), report);
  });
});

describe('what each planted cause looks like on the wire', () => {
  it('healthy: CredSSP selected, TLS 1.3 with the server certificate, the NTLM CHALLENGE names the server', async () => {
    const { report } = await probeState(scenarioComputers('healthy').server, { name: 'OFFICE-PC' });
    const s = seen(report);
    expect(s.confirm).toMatchObject({ kind: 'selected', protocolName: 'HYBRID' });
    expect(report.addresses[0]?.tls).toMatchObject({ outcome: 'ok', version: 'TLSv1.3' });
    expect(s.certificate).toMatchObject({ commonName: 'OFFICE-PC', validTo: '2027-06-01T00:00:00.000Z' });
    expect(s.nla?.challenge).toMatchObject({ netbiosComputer: 'OFFICE-PC', osVersion: { major: 10, minor: 0, build: 20348 } });
  });

  it.each([
    ['firewall-rule-disabled', 'filtered'],
    ['termservice-stopped', 'refused'],
    ['rdp-disabled', 'refused'],
    ['listener-disabled', 'refused'],
    ['listener-wrong-port', 'refused'],
  ])('%s: the port is %s', async (name, tcp) => {
    const { report } = await probeState(scenarioComputers(name).server);
    expect(seen(report).tcp).toBe(tcp);
  });

  it('certificate-missing: RDP_NEG_FAILURE 3 (SSL_CERT_NOT_ON_SERVER)', async () => {
    const { report } = await probeState(scenarioComputers('certificate-missing').server);
    expect(seen(report).confirm).toMatchObject({ kind: 'failure', code: 3 });
  });

  it.each(['key-file-permissions', 'keyiso-disabled'])('%s: CredSSP selected, then the TLS handshake is reset', async (name) => {
    const { report } = await probeState(scenarioComputers(name).server);
    const s = seen(report);
    expect(s.confirm).toMatchObject({ kind: 'selected', protocolName: 'HYBRID' });
    expect(s.tls).toBe('reset');
  });

  it('nla-without-tls: failure 2 for TLS, failure 5 for standard RDP security', async () => {
    const { report } = await probeState(scenarioComputers('nla-without-tls').server);
    const byRequest = Object.fromEntries(report.addresses[0]!.negotiation.map((n) => [n.requestedName, n.confirm]));
    expect(byRequest['SSL|HYBRID']).toMatchObject({ kind: 'failure', code: 2 });
    expect(byRequest['RDP']).toMatchObject({ kind: 'failure', code: 5 });
  });

  it('tls12-disabled (Server 2019): TLS 1.1 and 1.0 only', async () => {
    const { report } = await probeState(scenarioComputers('tls12-disabled').server);
    const v = Object.fromEntries(report.addresses[0]!.tlsVersions.map((t) => [t.version, t.accepted]));
    expect(v).toMatchObject({ 'TLSv1.3': 'no', 'TLSv1.2': 'no', 'TLSv1.1': 'yes', TLSv1: 'yes' });
  });

  it('certificate-expired: TLS completes with the expired certificate', async () => {
    const { report } = await probeState(scenarioComputers('certificate-expired').server);
    expect(seen(report).certificate).toMatchObject({ expired: true, validTo: '2026-11-14T00:00:00.000Z' });
  });

  it('listener-port-taken: another program (nginx) answers in HTTP', async () => {
    const { report } = await probeState(scenarioComputers('listener-port-taken').server, { targetPort: 50_000 });
    expect(seen(report).confirm).toMatchObject({ kind: 'not-rdp', looksLike: 'http' });
  });

  it('credssp-unpatched (Server 2016, tspkg from 2017): the CredSSP version is older than the fix', async () => {
    const { report } = await probeState(scenarioComputers('credssp-unpatched').server);
    expect(seen(report).nla?.credsspVersion).toBeLessThan(5);
    expect(seen(report).nla?.challenge?.osVersion?.build).toBe(14393);
  });

  it('a connection flood over MaxOutstandingConnections: the listener stops, the port is refused', async () => {
    const { report } = await probeState(plant((s) => void (s.pendingConnections = 60)));
    expect(seen(report).tcp).toBe('refused');
  });
});

describe('another computer at a non-loopback address', () => {
  it('serves the state from its own network namespace on port 3389; its firewall drops when the state says so', async () => {
    const { listener, report } = await probeState(scenarioComputers('healthy').server, { name: 'OFFICE-PC' });
    expect(listener.host).toMatch(/^169\.254\./);
    expect(listener.port).toBe(3389);
    expect(seen(report)).toMatchObject({ tcp: 'open', tls: 'ok' });
    expect(seen(report).nla?.challenge).toMatchObject({ netbiosComputer: 'OFFICE-PC' });

    const blocked = await probeState(scenarioComputers('firewall-rule-disabled').server, {});
    expect(blocked.listener.host).toMatch(/^169\.254\./);
    expect(seen(blocked.report).tcp).toBe('filtered');

    const stopped = await probeState(scenarioComputers('termservice-stopped').server, {});
    expect(seen(stopped.report).tcp).toBe('refused');
  });
});
