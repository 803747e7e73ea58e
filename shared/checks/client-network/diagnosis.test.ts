import { describe, expect, it } from 'vitest';
import { anyConnect, result, wifi } from '../../../test/support/client-results';
import type { Adapter } from './catalog';
import { isVpnAdapter, vpnAdaptersUp } from './diagnosis';

const adapter = (o: Partial<Adapter>): Adapter => ({
  name: 'Ethernet',
  description: 'Realtek PCIe GbE Family Controller',
  status: 'Up',
  mediaType: '802.3',
  hardware: true,
  ipv4: ['192.168.1.20'],
  gateway: '192.168.1.1',
  ...o,
});
const network = (adapters: Adapter[], domain: { joined: boolean; name: string | null } = { joined: false, name: null }) =>
  result('client-network', { adapters, domainJoined: domain.joined, domain: domain.name });

describe('client-network, as the user reads it', () => {
  it('names each connection that is up by its kind, its name and its addresses, and leaves out the ones that are down', () => {
    const r = network([
      wifi,
      adapter({ name: 'Ethernet', ipv4: ['10.0.0.5', '10.0.0.6'] }),
      adapter({ name: 'Ethernet 2', status: 'Disconnected' }),
      anyConnect,
    ]);
    expect(r.status).toBe('pass');
    expect(r.summary).toBe(
      'Connected through Wi-Fi "Wi-Fi" (192.168.1.4), cable "Ethernet" (10.0.0.5, 10.0.0.6), VPN "Ethernet 3" (10.200.14.7).',
    );
  });

  it('reads the status without regard to case, and an adapter without an address gets no empty brackets', () => {
    const r = network([
      adapter({
        name: 'vEthernet (Default Switch)',
        description: 'Hyper-V Virtual Ethernet Adapter',
        status: 'UP',
        hardware: false,
        ipv4: [],
      }),
    ]);
    expect(r.summary).toBe('Connected through virtual "vEthernet (Default Switch)".');
  });

  it('tells Wi-Fi from cable by the media type, the name or the description', () => {
    const kind = (o: Partial<Adapter>) => network([adapter({ ipv4: [], ...o })]).summary.replace(/^Connected through (\S+) .*$/, '$1');
    expect(kind({})).toBe('cable');
    expect(kind({ mediaType: 'Native 802.11' })).toBe('Wi-Fi');
    expect(kind({ name: 'WLAN' })).toBe('Wi-Fi');
    expect(kind({ name: 'WiFi 2' })).toBe('Wi-Fi');
    expect(kind({ description: 'Qualcomm Wireless Network Adapter' })).toBe('Wi-Fi');
    // 802.3 is cable: the dot is a dot, not any character.
    expect(kind({ mediaType: '802x11' })).toBe('cable');
    expect(kind({ hardware: false })).toBe('virtual');
  });

  it('warns when nothing is up, and says which domain this computer is in', () => {
    const down = network([adapter({ status: 'Disconnected' })], { joined: true, name: 'corp.example' });
    expect(down.status).toBe('warn');
    expect(down.summary).toBe('No network connection is up. This computer is in the domain corp.example.');
    expect(network([]).summary).toBe('No network connection is up.');
    expect(network([wifi], { joined: true, name: 'corp.example' }).summary).toBe(
      'Connected through Wi-Fi "Wi-Fi" (192.168.1.4). This computer is in the domain corp.example.',
    );
    // Joined, but the name could not be read: no dangling space before the full stop.
    expect(network([wifi], { joined: true, name: null }).summary).toBe(
      'Connected through Wi-Fi "Wi-Fi" (192.168.1.4). This computer is in the domain.',
    );
    expect(network([wifi], { joined: false, name: 'WORKGROUP' }).summary).toBe('Connected through Wi-Fi "Wi-Fi" (192.168.1.4).');
  });
});

describe('which adapters are a VPN', () => {
  const vpn = (name: string, description = 'Some adapter') => isVpnAdapter({ name, description });

  it('knows the common VPN clients by their adapter name or driver description, in any case', () => {
    for (const d of [
      'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
      'PANGP Virtual Ethernet Adapter',
      'Fortinet SSL VPN Virtual Ethernet Adapter',
      'WireGuard Tunnel',
      'TAP-Windows Adapter V9',
      'Wintun Userspace Tunnel',
      'Juniper Networks Virtual Adapter',
      'Pulse Secure Virtual Adapter',
      'SonicWall NetExtender',
      'Check Point Virtual Network Adapter For Endpoint VPN Client',
      'NordLynx Tunnel',
      'Zscaler Network Adapter 1.0.2.0',
      'WAN Miniport (SSTP)',
      'WAN Miniport (L2TP)',
      'WAN Miniport (IKEv2)',
      'WAN Miniport (PPTP)',
    ])
      expect(vpn('Ethernet 4', d), d).toBe(true);
    for (const n of ['GlobalProtect', 'OpenVPN Connect', 'FortiClient', 'Ivanti Secure Access', 'CheckPoint', 'corp VPN', 'PPP adapter'])
      expect(vpn(n), n).toBe(true);
  });

  it('matches whole words only, so an ordinary adapter is never taken for one', () => {
    expect(vpn('Ethernet', 'Intel(R) Ethernet Connection I219-V')).toBe(false);
    expect(vpn('Wi-Fi', 'Intel Wi-Fi 6')).toBe(false);
    // "vpn" and "ppp" inside a longer word are not the words.
    expect(vpn('myvpnlab', 'Realtek')).toBe(false);
    expect(vpn('Ethernet', 'Apppool bridge')).toBe(false);
    expect(vpn('vpnx', 'xppp')).toBe(false);
  });

  it('lists only the VPN adapters that are up', () => {
    const down = { ...anyConnect, name: 'Ethernet 5', status: 'Disconnected' };
    expect(vpnAdaptersUp([wifi, anyConnect, down]).map((a) => a.name)).toEqual(['Ethernet 3']);
    expect(vpnAdaptersUp([{ ...anyConnect, status: 'up' }]).map((a) => a.name)).toEqual(['Ethernet 3']);
  });
});
