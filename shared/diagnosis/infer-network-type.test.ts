import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import { inferNetworkType } from './infer-network-type';

const adapter = (name: string, description: string, status = 'Up') => ({
  name,
  description,
  status,
  mediaType: '802.3',
  hardware: false,
  ipv4: ['10.0.0.2'],
  gateway: null,
});
const network = (facts: unknown, status: CheckResult['status'] = 'pass'): CheckResult[] => [
  { checkId: 'client-network', status, summary: '', facts, durationMs: 1 },
];

describe('inferNetworkType', () => {
  it('a VPN adapter that is up: Corporate VPN, named', () => {
    const r = inferNetworkType(
      network({
        adapters: [adapter('Ethernet 3', 'Cisco AnyConnect Virtual Miniport Adapter')],
        domainJoined: true,
        domain: 'corp.example',
      }),
    );
    expect(r).toEqual({ type: 'vpn', because: 'a VPN connection is up on this PC ("Ethernet 3")' });
  });

  it('every VPN that is up is named, and the network check is found among the others', () => {
    const facts = {
      adapters: [adapter('Ethernet 3', 'Cisco AnyConnect Virtual Miniport Adapter'), adapter('Büro-VPN', 'WireGuard Tunnel')],
      domainJoined: false,
      domain: null,
    };
    const tcp: CheckResult = { checkId: 'tcp-port', status: 'pass', summary: '', facts: { port: 3389, attempts: [] }, durationMs: 1 };
    expect(inferNetworkType([tcp, ...network(facts)])).toEqual({
      type: 'vpn',
      because: 'a VPN connection is up on this PC ("Ethernet 3", "Büro-VPN")',
    });
  });

  it('a domain whose name Windows did not give: said without a blank at the end', () => {
    expect(inferNetworkType(network({ adapters: [], domainJoined: true, domain: null }))).toEqual({
      type: 'domain',
      because: 'this PC is joined to the domain',
    });
  });

  it('a VPN adapter that is disconnected does not count; a domain-joined PC is on the company network', () => {
    const r = inferNetworkType(
      network({ adapters: [adapter('Ethernet 3', 'WireGuard Tunnel', 'Disconnected')], domainJoined: true, domain: 'corp.example' }),
    );
    expect(r).toEqual({ type: 'domain', because: 'this PC is joined to the domain corp.example' });
  });

  it('nothing to go by, a check that did not run, or facts of the wrong shape: no guess', () => {
    expect(
      inferNetworkType(network({ adapters: [adapter('Wi-Fi', 'Intel Wi-Fi 6 AX201')], domainJoined: false, domain: null })),
    ).toBeNull();
    expect(inferNetworkType(network(undefined, 'unavailable'))).toBeNull();
    // A check that broke or could not run says nothing, even with facts in the right shape.
    const vpnUp = { adapters: [adapter('Ethernet 3', 'WireGuard Tunnel')], domainJoined: true, domain: 'corp.example' };
    expect(inferNetworkType(network(vpnUp, 'error'))).toBeNull();
    expect(inferNetworkType(network(vpnUp, 'unavailable'))).toBeNull();
    expect(inferNetworkType(network(vpnUp, 'warn'))).toEqual({ type: 'vpn', because: 'a VPN connection is up on this PC ("Ethernet 3")' });
    expect(inferNetworkType(network({ adapters: 'x' }))).toBeNull();
    expect(inferNetworkType([])).toBeNull();
  });
});
