import { describe, expect, it } from 'vitest';
import { findingOf } from '../../../test/support/rule-alone';
import { result } from '../../../test/support/server-results';
import { evaluate } from '../../diagnosis/evaluate';
import type { CheckResult } from '../../results';
import { serverFirewallDiagnosis } from './diagnosis';

describe('server-firewall', () => {
  it('do not require the WebSocket rules, and do not count them for 3389', () => {
    const fw = (tcpOn: boolean, wsOn: boolean) =>
      result('server-firewall', {
        activeProfiles: ['Public'],
        rules: [
          {
            name: 'RemoteDesktop-UserMode-In-TCP',
            displayName: 'Remote Desktop - User Mode (TCP-In)',
            enabled: tcpOn,
            profiles: ['Any'],
            protocol: 'TCP',
            webSocket: false,
          },
          {
            name: 'RemoteDesktop-In-TCP-WS',
            displayName: 'Remote Desktop - (TCP-WS-In)',
            enabled: wsOn,
            profiles: ['Any'],
            protocol: 'TCP',
            webSocket: true,
          },
        ],
      });
    expect(fw(true, false).status).toBe('pass');
    expect(fw(true, false).summary).toMatch(/WebSocket rule is off/);
    expect(fw(false, true).status).toBe('fail');
  });
});

type Profile = 'Domain' | 'Private' | 'Public';
const tcpRule = (enabled: boolean, profiles: Array<Profile | 'Any'> = ['Any'], displayName = 'Remote Desktop - User Mode (TCP-In)') => ({
  name: 'RemoteDesktop-UserMode-In-TCP',
  displayName,
  enabled,
  profiles,
  protocol: 'TCP' as const,
});
const udpRule = {
  ...tcpRule(true),
  name: 'RemoteDesktop-UserMode-In-UDP',
  displayName: 'Remote Desktop - User Mode (UDP-In)',
  protocol: 'UDP' as const,
};
const wsRule = (enabled: boolean) => ({
  ...tcpRule(enabled),
  name: 'RemoteDesktop-In-TCP-WS',
  displayName: 'Remote Desktop - (TCP-WS-In)',
  webSocket: true,
});
const firewall = (rules: unknown[], activeProfiles: Profile[] = ['Public'], blockAllInbound?: Profile[]) =>
  result('server-firewall', { activeProfiles, rules, ...(blockAllInbound ? { blockAllInbound } : {}) });
const tcp = (state: 'open' | 'refused' | 'filtered'): CheckResult => {
  const facts = { port: 3389, attempts: [{ address: '10.0.0.5', state, ms: 3, error: null }] };
  return { checkId: 'tcp-port', ...evaluate('tcp-port', facts), facts, durationMs: 1 };
};
const rule = (...results: CheckResult[]) => findingOf(serverFirewallDiagnosis, ...results);

describe('server-firewall: what it reads', () => {
  it('passes a rule on for every active network, naming it', () => {
    expect(firewall([tcpRule(true)])).toMatchObject({
      status: 'pass',
      summary: 'The rule "Remote Desktop - User Mode (TCP-In)" is on for the Public network.',
    });
    expect(firewall([tcpRule(true, ['Domain', 'Private'])], ['Domain', 'Private'])).toMatchObject({
      status: 'pass',
      summary: 'The rule "Remote Desktop - User Mode (TCP-In)" is on for the Domain/Private network.',
    });
  });

  it('fails a rule that is on only for another network than the one the server is on', () => {
    expect(firewall([tcpRule(true, ['Domain'])], ['Domain', 'Private'])).toMatchObject({
      status: 'fail',
      summary: 'The rule "Remote Desktop - User Mode (TCP-In)" is on only for Domain, but the server is on a Domain/Private network.',
    });
    expect(firewall([tcpRule(true, ['Domain', 'Private'])], ['Public']).summary).toBe(
      'The rule "Remote Desktop - User Mode (TCP-In)" is on only for Domain/Private, but the server is on a Public network.',
    );
    const later = firewall([tcpRule(false), tcpRule(true, ['Private'], 'Remote Desktop (custom)')], ['Public']);
    expect(later.summary).toMatch(/^The rule "Remote Desktop \(custom\)" is on only for Private, but the server is on a Public network\.$/);
  });

  it('fails the rules switched off, with UDP on not counting for the TCP port', () => {
    expect(firewall([tcpRule(false), udpRule])).toMatchObject({
      status: 'fail',
      summary: 'The firewall rule "Remote Desktop - User Mode (TCP-In)" is turned off, so Windows Firewall blocks Remote Desktop.',
    });
  });

  it('fails missing rules, with a word on the WebSocket rules that are there', () => {
    expect(firewall([])).toMatchObject({ status: 'fail', summary: 'The "Remote Desktop" firewall rules are missing.' });
    expect(firewall([udpRule, wsRule(false)]).summary).toBe(
      'The "Remote Desktop" firewall rules are missing. The WebSocket rule is off (only needed for RDP over WebSocket).',
    );
    expect(firewall([wsRule(false), wsRule(true)]).summary).toBe(
      'The "Remote Desktop" firewall rules are missing. The WebSocket rules are on (only needed for RDP over WebSocket).',
    );
    expect(firewall([tcpRule(true), wsRule(true)]).summary).toMatch(/is on for the Public network\. The WebSocket rule is on /);
  });

  it('fails "Block all incoming connections" on a network in use, whatever the rules say, and ignores it on another', () => {
    expect(firewall([tcpRule(true)], ['Domain', 'Public'], ['Domain', 'Private', 'Public'])).toMatchObject({
      status: 'fail',
      summary:
        'Windows Firewall blocks every incoming connection on the Domain/Public network ("Block all incoming connections"), whatever its rules say.',
    });
    expect(firewall([tcpRule(true)], ['Public'], ['Domain']).status).toBe('pass');
  });
});

describe('server-firewall: what it finds', () => {
  it('names "Block all incoming connections" as the cause, certain, with the profile to clear and no fix', () => {
    const f = rule(firewall([tcpRule(true)], ['Domain', 'Public'], ['Domain', 'Public']), tcp('filtered'));
    expect(f?.id).toBe('firewall-blocks-rdp');
    expect(f?.title).toBe('Windows Firewall on the server blocks every incoming connection');
    expect(f?.plain).toMatch(/clear "Block all incoming connections" for that network/);
    expect(f?.technical).toMatch(
      /AllowInboundRules = False on Domain, Public \(the active profile\)\. Fix on the server: Set-NetFirewallProfile -Profile Domain,Public -AllowInboundRules True/,
    );
    expect(f?.learnMore).toMatch(/guest-os-firewall-blocking-inbound-traffic/);
    expect([f?.likelihood, f?.score]).toEqual(['certain', 95]);
    expect(f?.evidence.map((e) => [e.checkId, e.label])).toEqual([['server-firewall', 'Server firewall']]);
    expect(f?.fixIds).toEqual([]);
  });

  it("offers to turn the rules on when the server's firewall blocks Remote Desktop, with the silent port as evidence", () => {
    const f = rule(firewall([tcpRule(false)]), tcp('filtered'));
    expect(f?.title).toBe('Windows Firewall on the server blocks Remote Desktop');
    expect(f?.plain).toMatch(/Turning on its "Remote Desktop" rules fixes that\./);
    expect(f?.technical).toMatch(/Enable-NetFirewallRule -Group '@FirewallAPI\.dll,-28752'/);
    expect(f?.learnMore).toMatch(/guest-os-firewall-blocking-inbound-traffic/);
    expect([f?.likelihood, f?.score]).toEqual(['certain', 95]);
    expect(f?.evidence.map((e) => [e.checkId, e.label])).toEqual([
      ['tcp-port', 'Port test'],
      ['server-firewall', 'Server firewall'],
    ]);
    expect(f?.fixIds).toEqual(['enable-firewall-rdp']);
    expect(rule(firewall([tcpRule(false)]), tcp('refused'))?.evidence.map((e) => e.checkId)).toEqual(['server-firewall']);
  });

  it('reads a failed firewall check without facts (an older report) as its rules, not "Block all incoming connections"', () => {
    const old: CheckResult = { checkId: 'server-firewall', status: 'fail', summary: 'The rule is off.', durationMs: 1 };
    const f = rule(old);
    expect(f?.title).toBe('Windows Firewall on the server blocks Remote Desktop');
    expect(f?.fixIds).toEqual(['enable-firewall-rdp']);
  });

  it('calls a silent port with a good server firewall something else on the way, likely, with nothing to switch on', () => {
    const f = rule(firewall([tcpRule(true)]), tcp('filtered'));
    expect(f?.title).toBe('Something silently blocks the Remote Desktop port');
    expect(f?.plain).toMatch(/A firewall, a router, the VPN or security software drops it/);
    expect(f?.technical).toMatch(/^TCP SYN got no answer within the timeout on every address \(filtered\)/);
    expect([f?.likelihood, f?.score]).toEqual(['likely', 70]);
    expect(f?.evidence.map((e) => e.checkId)).toEqual(['tcp-port']);
    expect(f?.fixIds).toEqual([]);
    // The server's firewall not read: its rules are still the first thing to try.
    expect(rule(tcp('filtered'))?.fixIds).toEqual(['enable-firewall-rdp']);
  });

  it('finds nothing when the firewall lets Remote Desktop in and the port is not silent', () => {
    expect(rule(firewall([tcpRule(true)]), tcp('open'))).toBeNull();
    expect(rule(firewall([tcpRule(true)]), tcp('refused'))).toBeNull();
    expect(rule(tcp('refused'))).toBeNull();
    expect(rule()).toBeNull();
  });
});
