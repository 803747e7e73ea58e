import type { Scenario } from './scenario';
import type { ClientState } from '../client-state';
import { CREDENTIALS_DELEGATION_KEY, CREDSSP_KEY, MSV1_0_KEY } from '../client-state';
import { healthy } from './healthy';
import { healthyClient, healthyDefaultRdp } from './healthy-client';

/*
 * Causes planted on this computer (the client). The tests scan 127.0.0.1 (a loopback listener
 * stands for the server), so what concerns "this server" names 127.0.0.1.
 */
const TARGET = '127.0.0.1';

const withClient = (client: Partial<ClientState>) => ({ ...healthy, client: { ...healthyClient, ...client } });

const attempt = (n: number, start: string, server: string, outcome: { connected: true } | { reason: number }) => {
  const activityId = `b0000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
  const t = Date.parse(start);
  const at = (s: number) => new Date(t + s * 1000).toISOString();
  return [
    { id: 1024 as const, time: at(0), activityId, server, reason: null },
    ...('connected' in outcome
      ? [
          { id: 1027 as const, time: at(4), activityId, server: null, reason: null },
          { id: 1026 as const, time: at(3600), activityId, server: null, reason: 1 },
        ]
      : [{ id: 1026 as const, time: at(1), activityId, server: null, reason: outcome.reason }]),
  ];
};

export const clientScenarios: Record<string, Scenario> = {
  'client-saved-credentials': {
    title: 'This computer keeps an old saved password for the server',
    expectedFinding: 'stale-saved-credentials',
    // Saved by address and by name, as people do; the server's name is the healthy certificate's.
    state: withClient({
      credentials: [...healthyClient.credentials, `Domain:target=TERMSRV/${TARGET}`, 'LegacyGeneric:target=TERMSRV/SRV-APP01.corp.example'],
    }),
  },
  'client-damaged-connection-data': {
    title: 'Default.rdp is damaged and the bitmap cache has a half-written file',
    expectedFinding: 'damaged-connection-data',
    state: withClient({
      defaultRdp: {
        content: `${healthyDefaultRdp}\u0000\u0000\u00ff\u00fe garbage after a crash\r\n\u0001\u0002`,
        hidden: true,
        lastWrite: '2026-11-19T17:02:00.000Z',
      },
      bitmapCache: { ...healthyClient.bitmapCache, 'Cache0002.bin': 0 },
    }),
  },
  'client-license-cache-damaged': {
    title: 'The MSLicensing cache has lost its Store key',
    expectedFinding: 'license-cache-damaged',
    state: withClient({ msLicensing: { hardwareId: true, store: null } }),
  },
  'client-credssp-force-updated': {
    title: 'CredSSP policy "Force Updated Clients" on this computer',
    expectedFinding: 'credssp-policy-blocks',
    state: withClient({ registry: { [CREDSSP_KEY]: { AllowEncryptionOracle: 0 } } }),
  },
  // A hardening baseline (CIS 2.3.11.x) on this computer: NTLM denied to every server, no exceptions.
  'client-ntlm-denied': {
    title: 'A security baseline on this computer forbids the older sign-in method (NTLM)',
    expectedFinding: 'ntlm-outgoing-blocked',
    state: withClient({ registry: { ...healthyClient.registry, [MSV1_0_KEY]: { RestrictSendingNTLMTraffic: 2 } } }),
  },
  // "Restrict delegation of credentials to remote servers: Require Restricted Admin" on this
  // computer; the server, as Windows ships, does not allow Restricted Admin.
  'client-requires-restricted-admin': {
    title: 'This computer insists on Restricted Admin, which the server does not allow',
    expectedFinding: 'restricted-admin-refused',
    state: withClient({
      registry: {
        ...healthyClient.registry,
        [CREDENTIALS_DELEGATION_KEY]: { RestrictedRemoteAdministration: 1, RestrictedRemoteAdministrationType: 1 },
      },
    }),
  },
  'client-vpn-drops-udp': {
    title: 'Connected through a VPN that drops UDP, with UDP still allowed',
    expectedFinding: 'vpn-drops-udp',
    state: withClient({
      adapters: [
        ...healthyClient.adapters,
        {
          name: 'Ethernet 3',
          description: 'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
          status: 'Up',
          mediaType: '802.3',
          hardware: false,
          ipv4: ['10.200.14.7'],
          gateway: null,
        },
      ],
    }),
  },
  'client-failure-after-update': {
    title: 'Connecting worked until a Windows update three days ago',
    expectedFinding: 'failure-after-update',
    state: withClient({
      hotfixes: [{ id: 'KB5046617', description: 'Security Update', installedOn: '2026-11-18T00:00:00.000Z' }, ...healthyClient.hotfixes],
      rdpClientLog: {
        enabled: true,
        events: [
          ...attempt(1, '2026-11-14T08:00:00.000Z', TARGET, { connected: true }),
          ...attempt(2, '2026-11-17T08:00:00.000Z', TARGET, { connected: true }),
          ...attempt(3, '2026-11-19T08:00:00.000Z', TARGET, { reason: 2308 }),
          ...attempt(4, '2026-11-20T08:00:00.000Z', TARGET, { reason: 2308 }),
          ...attempt(5, '2026-11-21T08:30:00.000Z', TARGET, { reason: 2308 }),
        ],
      },
    }),
  },
  'client-log-other-error': {
    title: 'The Remote Desktop log shows the attempts really end with 0x204 (no connection)',
    expectedFinding: 'log-shows-other-error',
    state: withClient({
      rdpClientLog: {
        enabled: true,
        events: [...healthyClient.rdpClientLog.events, ...attempt(6, '2026-11-21T08:30:00.000Z', TARGET, { reason: 516 })],
      },
    }),
  },
  'client-outbound-blocked': {
    title: 'A Windows Firewall outbound rule blocks mstsc.exe',
    expectedFinding: 'outbound-blocked',
    state: withClient({
      outbound: {
        defaultBlockProfiles: [],
        blockRules: [
          {
            name: '{4E1D5C2A-0C5B-4C7E-9E55-1B2C3D4E5F60}',
            displayName: 'Block Remote Desktop client',
            program: '%SystemRoot%\\system32\\mstsc.exe',
            remotePort: null,
          },
        ],
        securityProducts: [
          { name: 'Microsoft Defender Antivirus', kind: 'antivirus', enabled: false },
          { name: 'ESET Security', kind: 'antivirus', enabled: true },
          { name: 'ESET Firewall', kind: 'firewall', enabled: true },
        ],
      },
    }),
  },
  'client-rdp-app-removed': {
    title: 'Remote Desktop Connection was removed ("mstsc /uninstall") and no other Remote Desktop app is installed',
    expectedFinding: 'rdp-app-missing',
    state: withClient({ mstscInstalled: false, windowsAppVersion: null }),
  },
  'client-connects-to-itself': {
    // The scan's target (127.0.0.1) is this computer; the log shows the user's own attempts
    // ending with 0x708, the code of a connection that reached this same computer.
    title: 'The attempts went to this computer itself and ended with 0x708',
    expectedFinding: 'connecting-to-itself',
    state: withClient({
      rdpClientLog: {
        enabled: true,
        events: [
          ...healthyClient.rdpClientLog.events,
          ...attempt(7, '2026-11-21T08:30:00.000Z', TARGET, { reason: 1800 }),
          ...attempt(8, '2026-11-21T08:31:00.000Z', TARGET, { reason: 1800 }),
        ],
      },
    }),
  },
  'client-tls12-disabled': {
    title: 'TLS 1.2 is switched off for this computer as a client',
    expectedFinding: 'client-tls-disabled',
    state: withClient({
      schannelClient: { 'TLS 1.2': { enabled: 0, disabledByDefault: 1 }, 'TLS 1.0': { enabled: 1, disabledByDefault: 0 } },
    }),
  },
};
