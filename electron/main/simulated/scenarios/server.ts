import type { MachineState } from '../machine-state';
import type { Scenario } from './scenario';
import { healthy, healthyCertificate, RDP_KEY_FILE, webSocketRules } from './healthy';
import { MSV1_0_KEY } from '../client-state';

/** A copy of the healthy machine with one cause planted by `change`. */
export function plant(change: (s: MachineState) => void): MachineState {
  const s = structuredClone(healthy);
  change(s);
  return s;
}

export const stopTermService = (s: MachineState) => {
  s.services.TermService.status = 'Stopped';
  s.services.TermService.pid = null;
  s.services.UmRdpService.status = 'Stopped';
  s.services.UmRdpService.pid = null;
  s.listeners = s.listeners.filter((l) => !l.services.includes('TermService'));
};

export const expireCertificate = (s: MachineState) => {
  s.certificates.remoteDesktop = [{ ...healthyCertificate, notBefore: '2025-11-14T00:00:00.000Z', notAfter: '2026-11-14T00:00:00.000Z' }];
};

export const onlyTls10 = (s: MachineState) => {
  s.registry.schannel = {
    'TLS 1.0': { enabled: 1, disabledByDefault: 0 },
    'TLS 1.1': { enabled: 0, disabledByDefault: 1 },
    'TLS 1.2': { enabled: 0, disabledByDefault: 1 },
  };
};

/** NETWORK SERVICE shut out of the key file (a "hardening" script or a bad icacls on MachineKeys). */
export const lockKeyFile = (s: MachineState) => {
  s.machineKeys = [
    {
      name: RDP_KEY_FILE,
      ownerSid: 'S-1-5-32-544',
      aces: [
        { sid: 'S-1-5-32-544', type: 'Allow', rights: 0x1f01ff, inherited: false },
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false },
      ],
    },
  ];
};

export const disableFirewallRules = (s: MachineState) => {
  s.firewall.activeProfiles = ['Public'];
  for (const r of s.firewall.rules) r.enabled = false;
};

/** Causes planted on the remote computer. */
export const serverScenarios: Record<string, Scenario> = {
  'firewall-rule-disabled': {
    title: 'The "Remote Desktop" firewall rules are turned off',
    expectedFinding: 'firewall-blocks-rdp',
    repairedBy: ['enable-firewall-rdp'],
    state: plant(disableFirewallRules),
  },
  'firewall-websocket-only': {
    title: 'Only the WebSocket firewall rule is on (Server 2022), the RDP rules are off',
    expectedFinding: 'firewall-blocks-rdp',
    repairedBy: ['enable-firewall-rdp'],
    state: plant((s) => {
      s.firewall.activeProfiles = ['Private'];
      s.firewall.rules = [
        ...s.firewall.rules.map((r) => ({ ...r, enabled: false })),
        ...webSocketRules.map((r, i) => ({ ...r, profiles: [...r.profiles], enabled: i === 0 })),
      ];
    }),
  },
  'certificate-expired': {
    title: 'The RDP certificate expired last week',
    expectedFinding: 'certificate-unusable',
    repairedBy: ['regenerate-rdp-certificate'],
    state: plant(expireCertificate),
  },
  'certificate-missing': {
    title: 'The certificate Remote Desktop is set to use was deleted from the store',
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      s.certificates.remoteDesktop = [];
    }),
  },
  'custom-certificate-expired': {
    title: 'A certificate installed by an administrator (in My) expired',
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      const custom = {
        thumbprint: 'C0FFEE00112233445566778899AABBCCDDEEFF00',
        subject: 'CN=srv-app01.corp.example',
        notBefore: '2025-10-01T00:00:00.000Z',
        notAfter: '2026-10-01T00:00:00.000Z',
        hasPrivateKey: true,
        keyFile: 'C:\\ProgramData\\Microsoft\\Crypto\\Keys\\9c2e3b7f4a_5f1a9c3e-7b2d-4e8a-9c61-2d3f4b5a6c7d',
        keyReadable: true,
      };
      s.certificates.hashType = 3;
      s.certificates.my = [custom];
      s.certificates.listenerThumbprint = custom.thumbprint;
    }),
  },
  'key-file-permissions': {
    title: 'NETWORK SERVICE may not read the RDP key file in MachineKeys',
    expectedFinding: 'rdp-key-unreadable',
    repairedBy: ['repair-rdp-key-permissions'],
    state: plant(lockKeyFile),
  },
  // Issue 20 §4: event 1057 "Keyset does not exist" while the certificate still says HasPrivateKey.
  'key-file-missing': {
    title: "The certificate's private key file is gone from MachineKeys, though the certificate still says it has one",
    expectedFinding: 'certificate-unusable',
    state: plant((s) => {
      s.machineKeys = [];
    }),
  },
  'rdp-disabled': {
    title: 'Remote Desktop is turned off on the server',
    expectedFinding: 'rdp-disabled',
    repairedBy: ['enable-rdp'],
    state: plant((s) => {
      s.registry.fDenyTSConnections = 1;
    }),
  },
  'rdp-disabled-by-policy': {
    title: 'A group policy turns Remote Desktop off',
    expectedFinding: 'rdp-disabled',
    state: plant((s) => {
      s.registry.fDenyTSConnections = 0;
      s.registry.policyDenyTSConnections = 1;
    }),
  },
  'termservice-stopped': {
    title: 'Remote Desktop Services is stopped and disabled',
    expectedFinding: 'rdp-services-stopped',
    repairedBy: ['start-rdp-services'],
    state: plant((s) => {
      stopTermService(s);
      s.services.TermService.startType = 'Disabled';
    }),
  },
  'keyiso-disabled': {
    title: 'CNG Key Isolation is disabled, so the certificate key cannot be used',
    expectedFinding: 'rdp-services-stopped',
    repairedBy: ['start-rdp-services'],
    state: plant((s) => {
      s.services.KeyIso = { ...s.services.KeyIso, status: 'Stopped', startType: 'Disabled', pid: null };
    }),
  },
  'listener-port-taken': {
    title: 'Another program holds the port you connect to',
    expectedFinding: 'rdp-listener-problem',
    state: plant((s) => {
      s.registry.rdpTcp.portNumber = 3389;
      s.listeners = [
        { localAddress: '0.0.0.0', port: 3389, pid: 1184, processName: 'svchost', services: ['TermService'] },
        { localAddress: '0.0.0.0', port: 'target', pid: 5512, processName: 'nginx', services: [] },
      ];
    }),
  },
  'listener-wrong-port': {
    title: 'Remote Desktop was moved to port 3390',
    expectedFinding: 'rdp-listener-problem',
    state: plant((s) => {
      s.registry.rdpTcp.portNumber = 3390;
      s.listeners = s.listeners.map((l) => ({ ...l, port: 3390 }));
    }),
  },
  'listener-disabled': {
    title: 'The RDP-Tcp listener is switched off (fEnableWinStation = 0)',
    expectedFinding: 'rdp-listener-problem',
    state: plant((s) => {
      s.registry.rdpTcp.fEnableWinStation = 0;
      s.listeners = [];
    }),
  },
  'rdp-wrapper': {
    title: 'RDP Wrapper replaced termsrv.dll and broke after an update',
    expectedFinding: 'termservice-dll-replaced',
    state: plant((s) => {
      s.registry.serviceDll = 'C:\\Program Files\\RDP Wrapper\\rdpwrap.dll';
      s.rdpWrapperFiles = ['C:\\Program Files\\RDP Wrapper\\rdpwrap.dll', 'C:\\Program Files\\RDP Wrapper\\rdpwrap.ini'];
    }),
  },
  'nla-without-tls': {
    title: 'NLA is required but the security layer is the old RDP one',
    expectedFinding: 'security-settings-conflict',
    repairedBy: ['require-tls-security-layer', 'rdp-security-isolation-test'],
    state: plant((s) => {
      s.registry.rdpTcp.securityLayer = 0;
      s.registry.rdpTcp.userAuthentication = 1;
    }),
  },
  'nla-without-tls-by-policy': {
    title: 'A group policy forces the RDP security layer while NLA is required',
    expectedFinding: 'security-settings-conflict',
    state: plant((s) => {
      s.registry.policy.securityLayer = 0;
      s.registry.rdpTcp.userAuthentication = 1;
    }),
  },
  'fips-required': {
    title: 'FIPS mode is on (FIPSAlgorithmPolicy Enabled = 1)',
    expectedFinding: 'fips-required',
    state: plant((s) => {
      s.registry.fipsEnabled = 1;
    }),
  },
  'tls12-disabled': {
    title: 'TLS 1.2 was turned off on a Windows Server 2019; only TLS 1.0 and 1.1 are left',
    expectedFinding: 'tls-disabled',
    repairedBy: ['enable-tls12-server'],
    state: plant((s) => {
      s.osVersion = '10.0.17763.0';
      s.tspkgVersion = '10.0.17763.6414';
      s.registry.schannel = { 'TLS 1.2': { enabled: 0, disabledByDefault: null } };
    }),
  },
  'brute-force': {
    title: 'Password-guessing bots flood the server (4625 events)',
    expectedFinding: 'connection-flood',
    state: plant((s) => {
      s.failedLogonsLastHour = 1840;
    }),
  },
  'credssp-unpatched': {
    title: 'Windows Server 2016 without the 2018 CredSSP update',
    expectedFinding: 'credssp-outdated',
    state: plant((s) => {
      s.osVersion = '10.0.14393.0';
      s.tspkgVersion = '10.0.14393.1884';
      s.hotfixes = [{ id: 'KB4053579', description: 'Security Update', installedOn: '2017-12-12T00:00:00.000Z' }];
    }),
  },
  // A hardening baseline on the server: incoming NTLM denied for every account (CIS / Microsoft
  // baselines offer it; the laptop is not in a domain, so Kerberos cannot stand in).
  'ntlm-incoming-denied': {
    title: 'The server refuses the older sign-in method (NTLM), the only one this laptop can use',
    expectedFinding: 'ntlm-incoming-blocked',
    state: plant((s) => {
      s.serverDwords = { [MSV1_0_KEY]: { RestrictReceivingNTLMTraffic: 2 } };
    }),
  },
  'recent-server-update': {
    title: 'An update was installed on the server two days ago',
    expectedFinding: 'server-recent-update',
    state: plant((s) => {
      s.hotfixes.unshift({ id: 'KB5046616', description: 'Security Update', installedOn: '2026-11-19T03:00:00.000Z' });
    }),
  },
};
