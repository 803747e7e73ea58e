import { describe, expect, it } from 'vitest';
import type { CheckId } from '../catalog/checks';
import type { FixId } from '../catalog/fixes';
import type { Finding } from '../results';
import { findingComputer } from './finding-computer';

/*
 * The computer the wizard and the report name under a finding: where its fixes act, else where its
 * evidence was read, else the server as this computer sees it over the network.
 */

const names = { thisPc: 'LAPTOP-JÜRGEN', server: 'office-pc' };
const finding = (evidence: CheckId[], fixIds: FixId[] = []): Finding => ({
  id: 'x',
  title: 'Something is wrong.',
  plain: 'Something is wrong.',
  technical: '',
  likelihood: 'likely',
  score: 50,
  evidence: evidence.map((checkId) => ({ checkId, label: 'Seen', value: 'seen' })),
  fixIds,
});
const on = (evidence: CheckId[], fixIds: FixId[] = []) => findingComputer(finding(evidence, fixIds), names);

describe('the computer a finding names', () => {
  it("the server when any of its evidence is the server's own, whatever else it has", () => {
    expect(on(['server-firewall'])).toBe('office-pc');
    expect(on(['client-udp', 'rdp-handshake', 'server-tls-versions'])).toBe('office-pc');
    expect(on(['server-firewall'], ['allow-ntlm-to-server'])).toBe('office-pc');
  });

  it('the server when any of its fixes acts there, even on evidence read only on this PC', () => {
    expect(on(['client-tls'], ['enable-tls12-server'])).toBe('office-pc');
    expect(on(['client-authentication'], ['allow-ntlm-to-server', 'enable-rdp'])).toBe('office-pc');
    expect(on(['client-authentication'], ['enable-rdp', 'allow-ntlm-to-server'])).toBe('office-pc');
  });

  it('this PC when every fix acts here, even on what the wire showed', () => {
    expect(on(['rdp-handshake'], ['allow-ntlm-to-server'])).toBe('LAPTOP-JÜRGEN');
    expect(on(['tcp-port', 'rdp-handshake'], ['allow-ntlm-to-server', 'credssp-allow-vulnerable'])).toBe('LAPTOP-JÜRGEN');
  });

  it("this PC when all of its evidence is this PC's own and it has no fix", () => {
    expect(on(['client-udp'])).toBe('LAPTOP-JÜRGEN');
    expect(on(['client-udp', 'client-tls'])).toBe('LAPTOP-JÜRGEN');
  });

  it('the server as seen over the network when the wire is part of its evidence and no fix says otherwise', () => {
    expect(on(['tcp-port'])).toBe('office-pc');
    expect(on(['rdp-handshake', 'client-tls'])).toBe('office-pc');
    expect(on(['client-tls', 'dns'])).toBe('office-pc');
    expect(on([])).toBe('office-pc');
  });
});
