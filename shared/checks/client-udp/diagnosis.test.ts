import { describe, expect, it } from 'vitest';
import { ids, wifi, anyConnect, udp, network, healthyClient } from '../../../test/support/client-results';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import type { NetworkType } from '../../network-type';

describe('client-udp', () => {
  it('raise the UDP advice for a VPN adapter, higher when the user also said VPN, and not once UDP is off', () => {
    const base = healthyClient().filter((r) => r.checkId !== 'client-network' && r.checkId !== 'client-udp');
    const withVpn = [...base, network(wifi, anyConnect), udp(null, wifi, anyConnect)];
    expect(udp(null, wifi, anyConnect).status).toBe('fail');
    expect(udp(null, wifi).status).toBe('pass');
    const home = diagnose(withVpn, { networkType: 'home' }).find((f) => f.id === 'vpn-drops-udp');
    const vpn = diagnose(withVpn, { networkType: 'vpn' }).find((f) => f.id === 'vpn-drops-udp');
    expect(home?.score).toBeLessThan(vpn!.score);
    expect(vpn?.plain).toMatch(/connected through a VPN \("Ethernet 3"\)/);
    expect(vpn?.evidence.map((e) => e.checkId)).toEqual(['client-udp', 'client-network']);
    expect(vpn?.fixIds).toEqual(['disable-client-udp']);
    // The user's answer alone is enough to offer it; Wi-Fi alone at home is not.
    expect(ids([...base, network(wifi), udp(null, wifi)], 'vpn')).toEqual(['vpn-drops-udp']);
    expect(ids([...base, network(wifi), udp(null, wifi)], 'home')).toEqual([]);
    expect(ids([...base, udp(1, anyConnect), network(wifi, anyConnect)], 'vpn')).toEqual([]);
  });
});

describe('client-udp, as the user reads it', () => {
  const base = healthyClient().filter((r) => r.checkId !== 'client-network' && r.checkId !== 'client-udp');
  const finding = (results: CheckResult[], networkType: NetworkType) =>
    diagnose(results, { networkType }).find((f) => f.id === 'vpn-drops-udp');

  it('says whether Remote Desktop may use UDP, and names each VPN that is up', () => {
    expect(udp(1, anyConnect).summary).toBe('Remote Desktop does not use UDP here: a policy turned it off.');
    expect(udp(1, anyConnect).status).toBe('pass');
    expect(udp(null, wifi).summary).toBe(
      'Remote Desktop may use UDP beside its main connection (the Windows default); no VPN is connected.',
    );
    expect(udp(0, wifi).summary).toBe('Remote Desktop may use UDP as well as TCP (fClientDisableUDP is 0); no VPN is connected.');
    const wg = { ...anyConnect, name: 'wg0', description: 'WireGuard Tunnel' };
    expect(udp(0, wifi, anyConnect, wg).summary).toBe(
      'A VPN is connected ("Ethernet 3", "wg0") and Remote Desktop may still use UDP, which many VPNs drop.',
    );
  });

  it('tells the user what it saw: a VPN adapter by name, or only their own answer', () => {
    const seen = finding([...base, network(wifi, anyConnect), udp(null, wifi, anyConnect)], 'home');
    expect(seen?.title).toBe("The VPN may drop Remote Desktop's UDP traffic");
    expect(seen?.plain).toMatch(
      /^You are connected through a VPN \("Ethernet 3"\)\. Remote Desktop sends part of its traffic over UDP, beside its main connection,/,
    );
    expect(seen?.plain).toMatch(/harmless and easy to undo\.$/);
    expect(seen?.technical).toMatch(/fClientDisableUDP is not 1 .* Setting it to 1 makes mstsc use TCP only\./);
    expect(seen?.likelihood).toBe('possible');
    const wg = { ...anyConnect, name: 'wg0', description: 'WireGuard Tunnel' };
    expect(finding([...base, network(wifi, anyConnect, wg), udp(null, wifi, anyConnect, wg)], 'home')?.plain).toMatch(
      /^You are connected through a VPN \("Ethernet 3", "wg0"\)\. /,
    );
    const said = finding([...base, network(wifi), udp(null, wifi)], 'vpn');
    expect(said?.plain).toMatch(/^You said you connect over a corporate VPN\. /);
    expect(said?.plain).toMatch(
      /easy to undo\. If your company manages this PC, a company policy may set this: ask IT before changing it\.$/,
    );
    // The network check saw no VPN, so it is no evidence for this one.
    expect(said?.evidence).toEqual([{ checkId: 'client-udp', label: 'UDP transport', value: udp(null, wifi).summary }]);
  });

  it('lists the network check as evidence only when it saw a VPN up', () => {
    const results = [...base, network(wifi, anyConnect), udp(null, wifi, anyConnect)];
    expect(finding(results, 'home')?.evidence).toEqual([
      { checkId: 'client-udp', label: 'UDP transport', value: results.at(-1)!.summary },
      { checkId: 'client-network', label: 'Network in use', value: results.at(-2)!.summary },
    ]);
    const down = { ...anyConnect, status: 'Disconnected' };
    expect(finding([...base, network(wifi, down), udp(null, wifi, anyConnect)], 'home')?.evidence.map((e) => e.checkId)).toEqual([
      'client-udp',
    ]);
    expect(finding([...base, udp(null, wifi, anyConnect)], 'home')?.evidence.map((e) => e.checkId)).toEqual(['client-udp']);
    const notRead = { checkId: 'client-network' as const, status: 'error' as const, summary: 'Could not run', durationMs: 1 };
    expect(finding([...base, notRead, udp(null, wifi, anyConnect)], 'home')?.evidence.map((e) => e.checkId)).toEqual(['client-udp']);
  });

  it('ranks a VPN it saw higher when the user also said VPN than either alone', () => {
    const seen = [...base, network(wifi, anyConnect), udp(null, wifi, anyConnect)];
    const alone = [...base, network(wifi), udp(null, wifi)];
    expect(finding(seen, 'vpn')!.score).toBeGreaterThan(finding(seen, 'home')!.score);
    expect(finding(seen, 'vpn')!.score).toBeGreaterThan(finding(alone, 'vpn')!.score);
  });

  it('makes no finding without the check, or with facts it cannot read', () => {
    expect(ids([...base, network(wifi, anyConnect)], 'vpn')).not.toContain('vpn-drops-udp');
    const unreadable = { checkId: 'client-udp' as const, status: 'error' as const, summary: 'Could not run', durationMs: 1 };
    expect(ids([...base, network(wifi, anyConnect), unreadable], 'vpn')).not.toContain('vpn-drops-udp');
  });
});
