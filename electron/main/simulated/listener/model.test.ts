import { describe, expect, it } from 'vitest';
import { listenerAnswers, DEFAULT_MAX_OUTSTANDING_CONNECTIONS } from './model';
import { plant } from '../../../../shared/simulated/scenario';
import { lockKeyFile } from '../../../../shared/checks/server-key-permissions/scenarios';
import { stopTermService } from '../../../../shared/checks/server-services/scenarios';
import { disableFirewallRules } from '../../../../shared/checks/server-firewall/scenarios';
import { expireCertificate } from '../../../../shared/checks/server-certificate/scenarios';
import { RDP_KEY_FILE } from '../../../../shared/simulated/healthy';
import { PROTOCOL } from '../../../../shared/probe-facts';

const MSTSC = PROTOCOL.SSL | PROTOCOL.HYBRID;
const HYBRID_EX = PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX;

describe('TCP: what a SYN to the port meets', () => {
  it('a healthy server accepts', () => {
    expect(listenerAnswers(plant(() => {})).tcp).toBe('accepts');
  });

  it('no enabled inbound rule in an active profile: the SYN is dropped (filtered)', () => {
    expect(listenerAnswers(plant(disableFirewallRules)).tcp).toBe('filtered');
    // A rule on for Domain only, the network Public: still dropped.
    const publicOnly = plant((s) => {
      s.firewall.activeProfiles = ['Public'];
      for (const r of s.firewall.rules) r.profiles = ['Domain'];
    });
    expect(listenerAnswers(publicOnly).tcp).toBe('filtered');
    // The WebSocket rule does not open the RDP port.
    const wsOnly = plant((s) => {
      s.firewall.rules = s.firewall.rules.map((r) => ({ ...r, enabled: false }));
      s.firewall.rules.push({ ...s.firewall.rules[0]!, name: 'RemoteDesktop-In-TCP-WS', enabled: true, webSocket: true });
    });
    expect(listenerAnswers(wsOnly).tcp).toBe('filtered');
  });

  it.each([
    ['TermService stopped', stopTermService],
    ['Remote Desktop off', (s: Parameters<typeof stopTermService>[0]) => void (s.registry.fDenyTSConnections = 1)],
    [
      'Remote Desktop off by policy, though on locally',
      (s: Parameters<typeof stopTermService>[0]) => void (s.registry.policyDenyTSConnections = 1),
    ],
    ['the RDP-Tcp WinStation disabled', (s: Parameters<typeof stopTermService>[0]) => void (s.registry.rdpTcp.fEnableWinStation = 0)],
  ])('%s: nothing listens, the port answers RST (refused)', (_name, change) => {
    const b = listenerAnswers(plant(change));
    expect(b.tcp).toBe('refused');
    expect(b.rdpPort).toBeNull();
  });

  it('a policy that allows Remote Desktop wins over a local "off"', () => {
    const b = listenerAnswers(
      plant((s) => {
        s.registry.fDenyTSConnections = 1;
        s.registry.policyDenyTSConnections = 0;
      }),
    );
    expect(b.tcp).toBe('accepts');
  });

  it('the listener moved to another port: the port connected to is closed', () => {
    const b = listenerAnswers(
      plant((s) => void (s.registry.rdpTcp.portNumber = 3390)),
      { targetPort: 3389 },
    );
    expect([b.tcp, b.rdpPort]).toEqual(['refused', 3390]);
    // Connecting to 3390 itself reaches it.
    expect(
      listenerAnswers(
        plant((s) => void (s.registry.rdpTcp.portNumber = 3390)),
        { targetPort: 3390 },
      ).tcp,
    ).toBe('accepts');
  });

  it('another program on the port answers instead of Remote Desktop', () => {
    const b = listenerAnswers(
      plant((s) => {
        s.registry.rdpTcp.portNumber = 3389;
        s.listeners.push({ localAddress: '0.0.0.0', port: 'target', pid: 5512, processName: 'nginx', services: [] });
      }),
      { targetPort: 50_000 },
    );
    expect(b.tcp).toBe('accepts');
    expect(b.otherProgram).toEqual({ processName: 'nginx', answer: 'http-400' });
  });

  it(`MaxOutstandingConnections (default ${DEFAULT_MAX_OUTSTANDING_CONNECTIONS}): a flood stops the listener and logs 1006`, () => {
    const below = listenerAnswers(plant((s) => void (s.pendingConnections = DEFAULT_MAX_OUTSTANDING_CONNECTIONS - 1)));
    expect(below.tcp).toBe('accepts');
    expect(below.events).toEqual([]);
    const at = listenerAnswers(plant((s) => void (s.pendingConnections = DEFAULT_MAX_OUTSTANDING_CONNECTIONS)));
    expect(at.tcp).toBe('refused');
    expect(at.events.map((e) => e.id)).toEqual([1006]);
    // A raised limit keeps it listening.
    const raised = listenerAnswers(
      plant((s) => {
        s.pendingConnections = 80;
        s.registry.maxOutstandingConnections = 100;
      }),
    );
    expect(raised.tcp).toBe('accepts');
  });
});

describe('X.224: the Connection Confirm per request (MS-RDPBCGR 2.2.1.2, 3.3.5.3.2)', () => {
  it('NLA on, TLS: CredSSP for mstsc, HYBRID_EX when offered, failure 5 without CredSSP', () => {
    const b = listenerAnswers(plant(() => {}));
    expect(b.reply(MSTSC)).toEqual({ kind: 'selected', protocol: PROTOCOL.HYBRID });
    expect(b.reply(HYBRID_EX)).toEqual({ kind: 'selected', protocol: PROTOCOL.HYBRID_EX });
    expect(b.reply(PROTOCOL.SSL)).toEqual({ kind: 'failure', code: 5 });
    expect(b.reply(PROTOCOL.RDP)).toEqual({ kind: 'failure', code: 5 });
  });

  it('Windows 7 / 2008 R2 has no HYBRID_EX: it selects HYBRID', () => {
    const b = listenerAnswers(plant((s) => void (s.osVersion = '6.1.7601.0')));
    expect(b.reply(HYBRID_EX)).toEqual({ kind: 'selected', protocol: PROTOCOL.HYBRID });
  });

  it('NLA off: SSL alone gets SSL; RDP alone gets failure 1 with SecurityLayer 2 and RDP with Negotiate', () => {
    const tlsOnly = listenerAnswers(plant((s) => void (s.registry.rdpTcp.userAuthentication = 0)));
    expect(tlsOnly.reply(PROTOCOL.SSL)).toEqual({ kind: 'selected', protocol: PROTOCOL.SSL });
    expect(tlsOnly.reply(MSTSC)).toEqual({ kind: 'selected', protocol: PROTOCOL.HYBRID });
    expect(tlsOnly.reply(PROTOCOL.RDP)).toEqual({ kind: 'failure', code: 1 });
    const negotiate = listenerAnswers(
      plant((s) => {
        s.registry.rdpTcp.userAuthentication = 0;
        s.registry.rdpTcp.securityLayer = 1;
      }),
    );
    expect(negotiate.reply(PROTOCOL.RDP)).toEqual({ kind: 'selected', protocol: PROTOCOL.RDP });
  });

  it('SecurityLayer 0 (RDP only): TLS requests get failure 2; with NLA required, RDP gets failure 5', () => {
    const conflict = listenerAnswers(plant((s) => void (s.registry.rdpTcp.securityLayer = 0)));
    expect(conflict.reply(MSTSC)).toEqual({ kind: 'failure', code: 2 });
    expect(conflict.reply(PROTOCOL.RDP)).toEqual({ kind: 'failure', code: 5 });
    expect(conflict.tls).toBeNull();
    const rdpOnly = listenerAnswers(
      plant((s) => {
        s.registry.rdpTcp.securityLayer = 0;
        s.registry.rdpTcp.userAuthentication = 0;
      }),
    );
    expect(rdpOnly.reply(PROTOCOL.RDP)).toEqual({ kind: 'selected', protocol: PROTOCOL.RDP });
  });

  it('a group policy value wins over the RDP-Tcp value', () => {
    const b = listenerAnswers(plant((s) => void (s.registry.policy.securityLayer = 0)));
    expect(b.reply(MSTSC)).toEqual({ kind: 'failure', code: 2 });
    const nlaOffByPolicy = listenerAnswers(plant((s) => void (s.registry.policy.userAuthentication = 0)));
    expect(nlaOffByPolicy.reply(PROTOCOL.SSL)).toEqual({ kind: 'selected', protocol: PROTOCOL.SSL });
  });

  it('the certificate the listener names is gone from the store: failure 3 for TLS requests', () => {
    const b = listenerAnswers(plant((s) => void (s.certificates.remoteDesktop = [])));
    expect(b.reply(MSTSC)).toEqual({ kind: 'failure', code: 3 });
    expect(b.tls).toBeNull();
  });

  it('a request without negotiation data gets a legacy Confirm only where Standard RDP Security is allowed', () => {
    expect(listenerAnswers(plant(() => {})).reply(null)).toEqual({ kind: 'close' });
    const rdp = listenerAnswers(
      plant((s) => {
        s.registry.rdpTcp.securityLayer = 0;
        s.registry.rdpTcp.userAuthentication = 0;
      }),
    );
    expect(rdp.reply(null)).toEqual({ kind: 'legacy' });
  });
});

describe('TLS once selected: versions, certificate, key', () => {
  it('Server 2022 as installed: TLS 1.3 to 1.0, its own certificate', () => {
    const b = listenerAnswers(plant(() => {}));
    expect(b.tls).toMatchObject({
      outcome: 'completes',
      versions: ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'],
      certificate: { commonName: 'SRV-APP01.corp.example', notAfter: '2027-06-01T00:00:00.000Z' },
    });
  });

  it('Server 2019: no TLS 1.3; TLS 1.2 switched off leaves 1.1 and 1.0', () => {
    const b = listenerAnswers(
      plant((s) => {
        s.osVersion = '10.0.17763.0';
        s.registry.schannel = { 'TLS 1.2': { enabled: 0, disabledByDefault: null } };
      }),
    );
    expect(b.tls).toMatchObject({ outcome: 'completes', versions: ['TLSv1.1', 'TLSv1'] });
  });

  it('DisabledByDefault = 1 keeps a version from Remote Desktop', () => {
    const b = listenerAnswers(plant((s) => void (s.registry.schannel = { 'TLS 1.3': { enabled: null, disabledByDefault: 1 } })));
    expect(b.tls).toMatchObject({ versions: ['TLSv1.2', 'TLSv1.1', 'TLSv1'] });
  });

  it('Server 2025: TLS 1.0 and 1.1 off by default, a registry key turns 1.1 back on', () => {
    const v2025 = (s: Parameters<typeof plant>[0] extends (x: infer M) => void ? M : never) => void (s.osVersion = '10.0.26100.0');
    expect(listenerAnswers(plant(v2025)).tls).toMatchObject({ versions: ['TLSv1.3', 'TLSv1.2'] });
    const with11 = plant((s) => {
      v2025(s);
      s.registry.schannel = { 'TLS 1.1': { enabled: 1, disabledByDefault: 0 } };
    });
    expect(listenerAnswers(with11).tls).toMatchObject({ versions: ['TLSv1.3', 'TLSv1.2', 'TLSv1.1'] });
  });

  it('2008 R2 without KB3080079: TLS 1.0 only, even with TLS 1.2 enabled; TLS 1.0 off leaves nothing (reset, 36871)', () => {
    const r2 = (tls10: 0 | 1) =>
      plant((s) => {
        s.osVersion = '6.1.7601.0';
        s.hotfixes = [];
        s.registry.schannel = {
          'TLS 1.0': { enabled: tls10, disabledByDefault: tls10 ? 0 : 1 },
          'TLS 1.2': { enabled: 1, disabledByDefault: 0 },
        };
      });
    expect(listenerAnswers(r2(1)).tls).toMatchObject({ outcome: 'completes', versions: ['TLSv1'] });
    const none = listenerAnswers(r2(0));
    expect(none.tls).toEqual({ outcome: 'resets', why: 'no-tls-version' });
    expect(none.events.map((e) => [e.log, e.id])).toEqual([['schannel', 36871]]);
    // The update makes TLS 1.2 usable by Remote Desktop.
    const patched = r2(0);
    patched.hotfixes = [{ id: 'KB3080079', description: 'Update', installedOn: '2016-01-12T00:00:00.000Z' }];
    expect(listenerAnswers(patched).tls).toMatchObject({ outcome: 'completes', versions: ['TLSv1.2'] });
  });

  it('an expired certificate is still presented: TLS completes with it', () => {
    const b = listenerAnswers(plant(expireCertificate));
    expect(b.tls).toMatchObject({ outcome: 'completes', certificate: { notAfter: '2026-11-14T00:00:00.000Z' } });
  });

  it('NETWORK SERVICE cannot read the key file: TLS resets, Schannel 36870 and RemoteConnectionManager 1058', () => {
    const b = listenerAnswers(plant(lockKeyFile));
    expect(b.reply(MSTSC)).toEqual({ kind: 'selected', protocol: PROTOCOL.HYBRID });
    expect(b.tls).toEqual({ outcome: 'resets', why: 'key-unreadable' });
    expect(b.events.map((e) => e.id).sort()).toEqual([1058, 36870]);
    expect(b.credssp).toBeNull();
  });

  it('the key file is gone while the certificate still says HasPrivateKey: TLS resets, 36870 and 1057', () => {
    const b = listenerAnswers(plant((s) => void (s.machineKeys = s.machineKeys.filter((k) => k.name !== RDP_KEY_FILE))));
    expect(b.tls).toEqual({ outcome: 'resets', why: 'key-file-missing' });
    expect(b.events.map((e) => e.id).sort()).toEqual([1057, 36870]);
  });

  it('CNG Key Isolation stopped: the key cannot be used, TLS resets', () => {
    const b = listenerAnswers(plant((s) => void (s.services.KeyIso = { ...s.services.KeyIso, status: 'Stopped', pid: null })));
    expect(b.tls).toEqual({ outcome: 'resets', why: 'key-isolation-stopped' });
  });

  it('FIPS narrows the cipher suites to FIPS-approved ones', () => {
    const b = listenerAnswers(plant((s) => void (s.registry.fipsEnabled = 1)));
    expect(b.tls?.outcome === 'completes' && b.tls.ciphers).toMatch(/^ECDHE-RSA-AES256-GCM-SHA384/);
    expect(b.tls?.outcome === 'completes' && b.tls.ciphers).not.toMatch(/DEFAULT/);
  });
});

describe('CredSSP: the NTLM CHALLENGE', () => {
  it('names the server, its workgroup, its OS build, and a fixed CredSSP on a patched server', () => {
    const b = listenerAnswers(
      plant(() => {}),
      { computerName: 'OFFICE-PC' },
    );
    expect(b.credssp).toMatchObject({
      netbiosComputer: 'OFFICE-PC',
      netbiosDomain: 'OFFICE-PC',
      member: false,
      version: { major: 10, minor: 0, build: 20348 },
      credsspVersion: 6,
      time: '2026-11-21T09:00:00.000Z',
    });
  });

  it('a domain member names its domain and forest', () => {
    const b = listenerAnswers(plant((s) => void (s.client = { ...s.client, domain: 'corp.example' })));
    expect(b.credssp).toMatchObject({
      netbiosDomain: 'CORP',
      dnsComputer: 'srv-app01.corp.example',
      dnsTree: 'corp.example',
      member: true,
    });
  });

  it('Server 2016 without the 2018 CredSSP update answers an older TSRequest version', () => {
    const b = listenerAnswers(
      plant((s) => {
        s.osVersion = '10.0.14393.0';
        s.tspkgVersion = '10.0.14393.1884';
      }),
    );
    expect(b.credssp?.credsspVersion).toBeLessThan(5);
  });

  it('2012 R2 is judged by its updates: none since May 2018 means unpatched', () => {
    const old = (installedOn: string) =>
      plant((s) => {
        s.osVersion = '6.3.9600.0';
        s.tspkgVersion = '6.3.9600.18000';
        s.hotfixes = [{ id: 'KB4000000', description: 'Security Update', installedOn }];
      });
    expect(listenerAnswers(old('2018-01-09T00:00:00.000Z')).credssp?.credsspVersion).toBeLessThan(5);
    expect(listenerAnswers(old('2018-05-08T00:00:00.000Z')).credssp?.credsspVersion).toBe(6);
  });
});
