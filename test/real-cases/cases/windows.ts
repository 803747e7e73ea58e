import type { MachineState } from '../../../shared/simulated/machine-state';
import { RDP_KEY_FILE } from '../../../shared/simulated/healthy';
import type { ServerEvent } from '../real-case';

/*
 * Small vocabulary for writing a report's facts onto a computer: which Windows it is, what it
 * logged, what the user's own attempt left in this PC's Remote Desktop log. Values are Windows'
 * own (build numbers, product names, event ids and status codes), each with where it comes from.
 */

/** The scenarios' clock: both computers read 2026-11-21 09:00 UTC; events are written just before. */
export const AT = (hhmm: string) => `2026-11-21T${hhmm}:00.000Z`;

export interface WindowsRelease {
  /** Win32_OperatingSystem.Version with a revision (major.minor.build.0). */
  osVersion: string;
  /** HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion ProductName / CurrentBuildNumber / UBR / DisplayVersion. */
  productName: string;
  build: number;
  /** Windows before 10 has no UBR value; 0 stands for "absent". */
  ubr: number;
  displayVersion: string | null;
}

/** Build numbers: learn.microsoft.com, "Windows Server release information" and "Windows 10 release information". */
export const release = {
  server2008r2: { osVersion: '6.1.7601.0', productName: 'Windows Server 2008 R2 Standard', build: 7601, ubr: 0, displayVersion: null },
  server2012r2: { osVersion: '6.3.9600.0', productName: 'Windows Server 2012 R2 Standard', build: 9600, ubr: 0, displayVersion: null },
  server2016: { osVersion: '10.0.14393.0', productName: 'Windows Server 2016 Standard', build: 14393, ubr: 1884, displayVersion: null },
  server2019: { osVersion: '10.0.17763.0', productName: 'Windows Server 2019 Datacenter', build: 17763, ubr: 6414, displayVersion: null },
  windows7: { osVersion: '6.1.7601.0', productName: 'Windows 7 Professional', build: 7601, ubr: 0, displayVersion: null },
  windows10v1709: { osVersion: '10.0.16299.0', productName: 'Windows 10 Pro', build: 16299, ubr: 248, displayVersion: null },
  windows10v1809: { osVersion: '10.0.17763.0', productName: 'Windows 10 Pro', build: 17763, ubr: 1369, displayVersion: null },
} satisfies Record<string, WindowsRelease>;

/** Makes the computer that Windows release: its version, its CurrentVersion key, tspkg.dll (CredSSP) and termsrv.dll with it. */
export function runs(s: MachineState, r: WindowsRelease, tspkgVersion: string) {
  s.osVersion = r.osVersion;
  s.tspkgVersion = tspkgVersion;
  s.client.windowsVersion = { build: r.build, ubr: r.ubr, productName: r.productName, displayVersion: r.displayVersion };
}

/** Updates installed on the computer (Get-HotFix), replacing what the healthy machine had. */
export function updates(s: MachineState, ...list: Array<[id: string, installedOn: string]>) {
  s.hotfixes = list.map(([id, installedOn]) => ({ id, description: 'Security Update', installedOn: `${installedOn}T00:00:00.000Z` }));
}

/** RemoteConnectionManager (rcm) or Schannel (schannel) events, both in the System log, with their data by position. */
export function logged(s: MachineState, ...events: Array<[log: ServerEvent['log'], id: number, time: string, ...data: string[]]>) {
  s.rdpEvents = [
    ...(s.rdpEvents ?? []),
    ...events.map(([log, id, time, ...data]) => ({ log, id, time, data: Object.fromEntries(data.map((d, i) => [String(i), d])) })),
  ];
}

/**
 * The user's attempts from this PC, as Remote Desktop Connection logs them in
 * RDPClient/Operational: 1024 (connecting to the server) and 1026 (disconnected, with the reason;
 * 2308 = 0x904). Two attempts a minute apart, as people try twice.
 */
export function triedToConnect(pc: MachineState, reason = 2308, server = 'office-pc') {
  for (const [n, start] of [
    [1, '2026-11-21T08:40:00.000Z'],
    [2, '2026-11-21T08:41:00.000Z'],
  ] as const) {
    const activityId = `d0000000-0000-0000-0000-00000000000${n}`;
    pc.client.rdpClientLog.events.push(
      { id: 1024, time: start, activityId, server, reason: null },
      { id: 1026, time: new Date(Date.parse(start) + 1000).toISOString(), activityId, server: null, reason },
    );
  }
}

/** The RDP key file in MachineKeys, with this ACL (SIDs: S-1-5-18 SYSTEM, S-1-5-20 NETWORK SERVICE, S-1-5-32-544 Administrators). */
export function rdpKeyFileAcl(s: MachineState, ownerSid: string, aces: Array<[sid: string, rights: number]>) {
  s.machineKeys = [
    { name: RDP_KEY_FILE, ownerSid, aces: aces.map(([sid, rights]) => ({ sid, type: 'Allow' as const, rights, inherited: false })) },
  ];
}

export const FULL_CONTROL = 0x1f01ff;

/** The self-signed certificate expired on this day (it renews itself only when Windows can write its key). */
export function certificateExpired(s: MachineState, notAfter: string) {
  for (const c of s.certificates.remoteDesktop) {
    c.notBefore = `${Number(notAfter.slice(0, 4)) - 1}${notAfter.slice(4)}T00:00:00.000Z`;
    c.notAfter = `${notAfter}T00:00:00.000Z`;
  }
}
