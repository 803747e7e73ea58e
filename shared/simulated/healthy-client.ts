import type { ClientState } from './client-state';

/**
 * A healthy Windows 11 client at home: a password saved for another computer, an intact
 * Default.rdp and cache, a complete license cache, no policies, Windows' TLS defaults, one Wi-Fi
 * adapter, updates from last month, and a good connection to another server in its log.
 */
export const healthyDefaultRdp = [
  'screen mode id:i:2',
  'use multimon:i:0',
  'desktopwidth:i:1920',
  'desktopheight:i:1080',
  'session bpp:i:32',
  'full address:s:fileserver.corp.example',
  'prompt for credentials:i:0',
  'authentication level:i:2',
  'enablecredsspsupport:i:1',
  'bitmapcachepersistenable:i:1',
  '',
].join('\r\n');

export const healthyClient: ClientState = {
  documentsDir: 'C:\\Users\\alex\\Documents',
  localAppDataDir: 'C:\\Users\\alex\\AppData\\Local',
  credentials: ['Domain:target=TERMSRV/fileserver.corp.example'],
  defaultRdp: { content: healthyDefaultRdp, hidden: true, lastWrite: '2026-11-10T08:12:00.000Z' },
  bitmapCache: { 'bcache24.bmc': 1_048_576, 'Cache0000.bin': 20_971_520, 'Cache0001.bin': 20_971_520 },
  msLicensing: { hardwareId: true, store: ['LICENSE000'] },
  registry: {},
  schannelClient: {},
  mru: ['fileserver.corp.example', 'srv-app01.corp.example:3390', '10.0.0.5'],
  outbound: {
    defaultBlockProfiles: [],
    blockRules: [],
    securityProducts: [{ name: 'Microsoft Defender Antivirus', kind: 'antivirus', enabled: true }],
  },
  adapters: [
    {
      name: 'Wi-Fi',
      description: 'Intel(R) Wi-Fi 6E AX211 160MHz',
      status: 'Up',
      mediaType: 'Native 802.11',
      hardware: true,
      ipv4: ['192.168.1.34'],
      gateway: '192.168.1.1',
    },
    {
      name: 'Ethernet',
      description: 'Realtek PCIe GbE Family Controller',
      status: 'Disconnected',
      mediaType: '802.3',
      hardware: true,
      ipv4: [],
      gateway: null,
    },
  ],
  domain: null,
  hotfixes: [
    { id: 'KB5044284', description: 'Security Update', installedOn: '2026-10-15T00:00:00.000Z' },
    { id: 'KB5043080', description: 'Update', installedOn: '2026-09-10T00:00:00.000Z' },
  ],
  // Windows 11 24H2 with the October update the hotfix list shows (KB5044284: 26100.2033).
  windowsVersion: { build: 26100, ubr: 2033, productName: 'Windows 10 Pro', displayVersion: '24H2' },
  mstscInstalled: true,
  windowsAppVersion: null,
  rdpServers: { 'fileserver.corp.example': { certHash: null, usernameHint: 'CORP\\alex' } },
  rdpClientLog: {
    enabled: true,
    events: [
      {
        id: 1024,
        time: '2026-11-10T08:12:00.000Z',
        activityId: 'a0000000-0000-0000-0000-000000000001',
        server: 'fileserver.corp.example',
        reason: null,
      },
      { id: 1027, time: '2026-11-10T08:12:04.000Z', activityId: 'a0000000-0000-0000-0000-000000000001', server: null, reason: null },
      { id: 1026, time: '2026-11-10T09:40:00.000Z', activityId: 'a0000000-0000-0000-0000-000000000001', server: null, reason: 1 },
    ],
  },
};
