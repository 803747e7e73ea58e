import { describe, expect, it } from 'vitest';
import { ids, wifi, anyConnect, udp, network, healthyClient } from '../../../test/support/client-results';
import { diagnose } from '../../diagnosis/rules';

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
