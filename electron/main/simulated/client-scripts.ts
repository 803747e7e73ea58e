import type { clientScripts, DwordBackup, RegistryExport } from '../../../shared/catalog/client/scripts';
import { credentialMatches } from '../../../shared/diagnosis/client/evaluate';
import type { MachineState } from './machine-state';
import type { SimScript } from './sim-script';
import { CREDSSP_KEY, MSLICENSING_KEY, RDP_CLIENT_POLICY_KEY, type ClientState } from './client-state';

/*
 * The client scripts acted out on the simulated machine: the same facts and the same backup
 * semantics as the .ps1 files under assets/scripts (their comments say what each step mirrors).
 */

const defaultRdpPath = (c: ClientState) => `${c.documentsDir}\\Default.rdp`;
const cachePath = (c: ClientState) => `${c.localAppDataDir}\\Microsoft\\Terminal Server Client\\Cache`;

/** Non-empty lines, and those that are not "name:type:value" with type i, s or b (as the .ps1 counts). */
export function rdpFileLineStats(content: string): { lines: number; badLines: number } {
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '');
  return { lines: lines.length, badLines: lines.filter((l) => !/^[^:]+:[isbISB]:/.test(l)).length };
}

// --- policy-key DWORDs: one backup/apply/undo shape for CredSSP and UDP ------------------------

function backupDword(state: MachineState, key: string, value: string, backupDir: string, file: string): DwordBackup {
  const values = state.client.registry[key];
  if (!values) return { keyExisted: false, previous: null, exportPath: null };
  // reg export <key> <file>: the whole key, for a person to re-import by hand if ever needed.
  const exportPath = `${backupDir}\\${file}`;
  state.files[exportPath] = JSON.stringify({ [key]: values });
  return { keyExisted: true, previous: values[value] ?? null, exportPath };
}

function setDword(state: MachineState, key: string, value: string, data: number): string[] {
  const values = (state.client.registry[key] ??= {});
  if (values[value] === data) return [];
  values[value] = data;
  return [`Set ${value} = ${data} in ${key}`];
}

function undoDword(state: MachineState, key: string, value: string, backup: DwordBackup): string[] {
  const values = state.client.registry[key];
  const restored: string[] = [];
  if (backup.previous === null) {
    if (values && value in values) {
      delete values[value];
      restored.push(`Removed ${value} from ${key} (it was not set before)`);
    }
  } else {
    const now = (state.client.registry[key] ??= {});
    if (now[value] !== backup.previous) {
      now[value] = backup.previous;
      restored.push(`Set ${value} back to ${backup.previous}`);
    }
  }
  // A key the fix created is removed again once it is empty.
  const after = state.client.registry[key];
  if (!backup.keyExisted && after && Object.keys(after).length === 0) {
    delete state.client.registry[key];
    restored.push(`Removed the key ${key} (the fix had created it)`);
  }
  return restored;
}

export const clientSimScripts: { [S in keyof typeof clientScripts]: SimScript<S> } = {
  'check-client-credentials': (state, args) => ({ host: args.host, port: args.port, entries: [...state.client.credentials] }),

  'check-client-connection-data': (state) => {
    const c = state.client;
    const rdp = c.defaultRdp;
    const stats = rdp ? rdpFileLineStats(rdp.content) : { lines: 0, badLines: 0 };
    const cache = c.bitmapCache;
    const sizes = Object.values(cache ?? {});
    return {
      defaultRdp: {
        path: defaultRdpPath(c),
        exists: rdp !== null,
        bytes: rdp ? Buffer.byteLength(rdp.content, 'utf16le') + 2 : 0,
        lastWrite: rdp?.lastWrite ?? null,
        ...stats,
      },
      bitmapCache: {
        path: cachePath(c),
        exists: cache !== null,
        files: sizes.length,
        bytes: sizes.reduce((a, b) => a + b, 0),
        emptyFiles: sizes.filter((s) => s === 0).length,
      },
    };
  },

  'check-client-license-cache': (state) => {
    const m = state.client.msLicensing;
    return { exists: m !== null, hasHardwareId: m?.hardwareId ?? false, hasStore: m?.store != null, storeLicenses: m?.store?.length ?? 0 };
  },

  'check-client-credssp': (state) => ({ allowEncryptionOracle: state.client.registry[CREDSSP_KEY]?.AllowEncryptionOracle ?? null }),

  'check-client-udp': (state) => ({
    fClientDisableUDP: state.client.registry[RDP_CLIENT_POLICY_KEY]?.fClientDisableUDP ?? null,
    adaptersUp: state.client.adapters.filter((a) => a.status === 'Up').map((a) => ({ name: a.name, description: a.description })),
  }),

  'check-client-network': (state) => ({
    adapters: state.client.adapters.map((a) => ({ ...a, ipv4: [...a.ipv4] })),
    domainJoined: state.client.domain !== null,
    domain: state.client.domain,
  }),

  'check-client-updates': (state) => ({
    now: state.now,
    hotfixes: [...state.client.hotfixes]
      .sort((a, b) => Date.parse(b.installedOn ?? '1970-01-01') - Date.parse(a.installedOn ?? '1970-01-01'))
      .slice(0, 30)
      .map((h) => ({ ...h })),
  }),

  'check-client-rdp-log': (state, args) => {
    const since = Date.parse(state.now) - 30 * 86_400_000;
    const log = state.client.rdpClientLog;
    return {
      host: args.host,
      port: args.port,
      logEnabled: log.enabled,
      events: log.enabled
        ? log.events
            .filter((e) => Date.parse(e.time) >= since)
            .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
            .slice(-200)
            .map((e) => ({ ...e }))
        : [],
    };
  },

  'check-client-tls': (state) => ({
    protocols: (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).map((version) => {
      const k = state.client.schannelClient[version];
      return { version, keyExists: k !== undefined, enabled: k?.enabled ?? null, disabledByDefault: k?.disabledByDefault ?? null };
    }),
  }),

  'check-client-rdp-app': (state) => {
    const c = state.client;
    return {
      os: { ...c.windowsVersion },
      mstsc: { path: 'C:\\Windows\\System32\\mstsc.exe', exists: c.mstscInstalled, version: c.mstscInstalled ? `10.0.${c.windowsVersion.build}.${c.windowsVersion.ubr}` : null },
      windowsApp: { installed: c.windowsAppVersion !== null, version: c.windowsAppVersion },
    };
  },

  // The client files a server under the name as typed, and "name:port" off the default port.
  'check-client-pinned-cert': (state, args) => {
    const names = args.port === 3389 ? [args.host] : [args.host, `${args.host}:${args.port}`];
    const servers = Object.entries(state.client.rdpServers).filter(([name]) => names.some((n) => n.toLowerCase() === name.toLowerCase()));
    return { host: args.host, port: args.port, servers: servers.map(([name, v]) => ({ name, ...v })) };
  },

  'read-client-mru': (state) => ({ entries: [...state.client.mru] }),

  // Block rules are stored already matched to mstsc or a port; the target port filters them.
  'check-client-outbound': (state, args) => ({
    defaultBlockProfiles: [...state.client.outbound.defaultBlockProfiles],
    blockRules: state.client.outbound.blockRules
      .filter((r) => r.remotePort === null || r.remotePort.split(/,\s*/).includes(String(args.port)))
      .map((r) => ({ ...r })),
    securityProducts: state.client.outbound.securityProducts.map((p) => ({ ...p })),
  }),

  // --- saved credentials ---

  'backup-client-credentials': (state, args) => {
    const { host, port } = args;
    const backup = { host, entries: state.client.credentials.filter((e) => credentialMatches(e, host, port)) };
    state.files[`${args.backupDir}\\credentials.json`] = JSON.stringify(backup);
    return backup;
  },

  'fix-client-credentials': (state, args) => {
    const changed: string[] = [];
    for (const entry of args.backup.entries) {
      if (state.client.credentials.includes(entry)) {
        state.client.credentials = state.client.credentials.filter((e) => e !== entry);
        changed.push(`Removed the saved password ${entry}`);
      }
    }
    return { changed };
  },

  // cmdkey cannot read a password back, so nothing was saved that could be put back.
  'undo-client-credentials': (_state, args) => ({
    restored: args.backup.entries.map(
      (e) => `${e} cannot be put back (Windows never reveals a saved password); type the password at the next connection and tick "Remember me"`,
    ),
  }),

  // --- Default.rdp and the bitmap cache ---

  'backup-client-connection-data': (state, args) => {
    const c = state.client;
    let defaultRdp = null;
    if (c.defaultRdp) {
      const backupPath = `${args.backupDir}\\Default.rdp`;
      state.files[backupPath] = JSON.stringify(c.defaultRdp);
      defaultRdp = { path: defaultRdpPath(c), backupPath, hidden: c.defaultRdp.hidden };
    }
    let bitmapCache = null;
    if (c.bitmapCache) {
      const backupPath = `${args.backupDir}\\Cache`;
      for (const [name, size] of Object.entries(c.bitmapCache)) state.files[`${backupPath}\\${name}`] = String(size);
      bitmapCache = { path: cachePath(c), backupPath, files: Object.keys(c.bitmapCache).length };
    }
    return { defaultRdp, bitmapCache };
  },

  'fix-client-connection-data': (state, args) => {
    // The .ps1 first refuses while mstsc.exe runs (its files are in use); nothing runs it here.
    const changed: string[] = [];
    if (args.backup.defaultRdp && state.client.defaultRdp) {
      state.client.defaultRdp = null;
      changed.push(`Removed ${args.backup.defaultRdp.path}`);
    }
    if (args.backup.bitmapCache && state.client.bitmapCache) {
      state.client.bitmapCache = null;
      changed.push(`Removed the bitmap cache ${args.backup.bitmapCache.path}`);
    }
    return { changed };
  },

  'undo-client-connection-data': (state, args) => {
    const restored: string[] = [];
    const { defaultRdp, bitmapCache } = args.backup;
    if (defaultRdp) {
      const saved = state.files[defaultRdp.backupPath];
      if (saved === undefined) throw new Error(`The backup file ${defaultRdp.backupPath} is missing.`);
      state.client.defaultRdp = JSON.parse(saved) as NonNullable<ClientState['defaultRdp']>;
      restored.push(`Default.rdp put back${defaultRdp.hidden ? ' (hidden)' : ''}`);
    }
    if (bitmapCache) {
      const prefix = `${bitmapCache.backupPath}\\`;
      const files = Object.entries(state.files).filter(([p]) => p.startsWith(prefix));
      state.client.bitmapCache = { ...(state.client.bitmapCache ?? {}) };
      for (const [p, size] of files) state.client.bitmapCache[p.slice(prefix.length)] = Number(size);
      restored.push(`${files.length} bitmap cache files put back`);
    }
    return { restored };
  },

  // --- MSLicensing ---

  'backup-client-license-cache': (state, args): RegistryExport => {
    const m = state.client.msLicensing;
    if (!m) return { existed: false, exportPath: null };
    const exportPath = `${args.backupDir}\\MSLicensing.reg`;
    state.files[exportPath] = JSON.stringify(m);
    return { existed: true, exportPath };
  },

  'fix-client-license-cache': (state, args) => {
    if (!state.client.msLicensing) return { changed: [] };
    const { exportPath } = args.backup;
    if (!exportPath || state.files[exportPath] === undefined) throw new Error('The license cache was not saved first, so it is not deleted.');
    state.client.msLicensing = null;
    return { changed: [`Deleted ${MSLICENSING_KEY} (saved first); Remote Desktop rebuilds it at the next connection`] };
  },

  'undo-client-license-cache': (state, args) => {
    const { exportPath } = args.backup;
    if (!exportPath) return { restored: [] };
    const saved = state.files[exportPath];
    if (saved === undefined) throw new Error(`The backup file ${exportPath} is missing.`);
    // reg import merges the saved key back: what the app rebuilt meanwhile is replaced.
    state.client.msLicensing = JSON.parse(saved) as NonNullable<ClientState['msLicensing']>;
    return { restored: [`Imported ${exportPath} (the old license cache is back)`] };
  },

  // --- CredSSP and UDP ---

  'backup-client-credssp': (state, args) => backupDword(state, CREDSSP_KEY, 'AllowEncryptionOracle', args.backupDir, 'CredSSP-Parameters.reg'),
  'fix-client-credssp': (state) => ({ changed: setDword(state, CREDSSP_KEY, 'AllowEncryptionOracle', 2) }),
  'undo-client-credssp': (state, args) => ({ restored: undoDword(state, CREDSSP_KEY, 'AllowEncryptionOracle', args.backup) }),

  'backup-client-udp': (state, args) => backupDword(state, RDP_CLIENT_POLICY_KEY, 'fClientDisableUDP', args.backupDir, 'TerminalServices-Client.reg'),
  'fix-client-udp': (state) => ({ changed: setDword(state, RDP_CLIENT_POLICY_KEY, 'fClientDisableUDP', 1) }),
  'undo-client-udp': (state, args) => ({ restored: undoDword(state, RDP_CLIENT_POLICY_KEY, 'fClientDisableUDP', args.backup) }),
};
