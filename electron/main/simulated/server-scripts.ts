import { createHash } from 'node:crypto';
import { RDP_SERVICES, TLS_PROTOCOLS, type Ace, type serverScripts } from '../../../shared/catalog/server/scripts';
import { networkServiceCanRead, SERVICE_DEFAULT_START, SERVICES_MUST_RUN } from '../../../shared/diagnosis/server/evaluate';
import type { MachineState } from './machine-state';
import type { SimScript } from './sim-script';
type Certificate = MachineState['certificates']['remoteDesktop'][number];

const RDP_GROUP = 'Remote Desktop';
const DAY_MS = 86_400_000;
const SYSTEM_ROOT = 'C:\\Windows';
export const MACHINE_KEYS_DIR = 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys';
const RDP_KEY_PATTERN = /^f686aace6942fb7f7ceb231212eef4a4_[0-9a-f-]+$/i;
/** The pid the simulator gives a service it starts. */
const STARTED_PIDS: Record<string, number> = { TermService: 1184, CryptSvc: 1736, UmRdpService: 2240, SessionEnv: 1020, CertPropSvc: 1020, KeyIso: 712 };

const rdpRules = (state: MachineState) => state.firewall.rules.filter((r) => r.group === RDP_GROUP);

function listenerCert(state: MachineState): Certificate | null {
  return state.certificates.remoteDesktop.find((c) => c.thumbprint === state.certificates.listenerThumbprint) ?? null;
}

/** What the real script computes from the key file's ACL, when the key lives in MachineKeys. */
function withKeyReadable(state: MachineState, cert: Certificate): Certificate {
  const file = cert.keyFile ? state.machineKeys.find((k) => `${MACHINE_KEYS_DIR}\\${k.name}`.toLowerCase() === cert.keyFile!.toLowerCase()) : undefined;
  return { ...cert, keyReadable: file ? networkServiceCanRead(file.aces) : (cert.keyReadable ?? null), keyFile: cert.keyFile ?? null };
}


function rdpPort(state: MachineState, targetPort: number): number {
  const p = state.registry.rdpTcp.portNumber;
  return p === 'target' ? targetPort : (p ?? 3389);
}

/** Paths the fix scripts accept for the key file: that file in MachineKeys only. */
function checkKeyPath(path: string): string {
  const i = path.lastIndexOf('\\');
  const dir = path.slice(0, i);
  const name = path.slice(i + 1);
  if (dir.toLowerCase() !== MACHINE_KEYS_DIR.toLowerCase() || !RDP_KEY_PATTERN.test(name)) {
    throw new Error(`Refusing to touch ${path}: only the Remote Desktop key file in MachineKeys may be changed.`);
  }
  return name;
}

/** icacls /grant: adds rights to the SID's explicit allow entry, or adds one. */
function grant(aces: Ace[], sid: string, rights: number): boolean {
  const ace = aces.find((a) => a.sid === sid && a.type === 'Allow' && !a.inherited);
  if (ace) {
    if (((ace.rights | rights) >>> 0) === ace.rights >>> 0) return false;
    ace.rights = (ace.rights | rights) >>> 0;
    return true;
  }
  aces.push({ sid, type: 'Allow', rights, inherited: false });
  return true;
}

function startService(state: MachineState, name: (typeof RDP_SERVICES)[number]) {
  const s = state.services[name];
  s.status = 'Running';
  s.pid = STARTED_PIDS[name] ?? 4000;
  if (name === 'TermService' && state.registry.rdpTcp.fEnableWinStation !== 0) {
    const port = state.registry.rdpTcp.portNumber === null ? 3389 : state.registry.rdpTcp.portNumber;
    for (const localAddress of ['0.0.0.0', '::']) {
      state.listeners.push({ localAddress, port, pid: s.pid, processName: 'svchost', services: ['TermService'] });
    }
  }
}

function stopService(state: MachineState, name: (typeof RDP_SERVICES)[number]) {
  const s = state.services[name];
  if (s.pid !== null) {
    const pid = s.pid;
    if (name === 'TermService') state.listeners = state.listeners.filter((l) => !(l.pid === pid && l.services.includes('TermService')));
  }
  s.status = 'Stopped';
  s.pid = null;
}

/** The server scripts acted out on the simulated machine. */
export const serverSimScripts: { [S in keyof typeof serverScripts]: SimScript<S> } = {
  // ------------------------------------------------------------ checks
  'check-firewall-rdp': (state) => ({
    activeProfiles: [...state.firewall.activeProfiles],
    rules: rdpRules(state).map(({ group: _group, ...rule }) => ({ ...rule, profiles: [...rule.profiles], webSocket: rule.webSocket ?? false })),
  }),

  'check-rdp-certificate': (state) => {
    const thumb = state.certificates.listenerThumbprint;
    return {
      listenerThumbprint: thumb,
      store: state.certificates.remoteDesktop.map((c) => withKeyReadable(state, c)),
      now: state.now,
      hashType: state.certificates.hashType,
      myStore: state.certificates.my.filter((c) => c.thumbprint === thumb).map((c) => withKeyReadable(state, c)),
    };
  },

  'check-rdp-enabled': (state) => ({
    fDenyTSConnections: state.registry.fDenyTSConnections,
    policyDenyTSConnections: state.registry.policyDenyTSConnections,
  }),

  'check-rdp-services': (state) => ({
    services: RDP_SERVICES.map((name) => {
      const s = state.services[name];
      return s.exists
        ? { name, exists: true, status: s.status, startType: s.startType, account: s.account }
        : { name, exists: false, status: null, startType: null, account: null };
    }),
  }),

  'check-rdp-listener': (state, args) => {
    const port = rdpPort(state, args.port);
    const ports = new Set([port, args.port]);
    return {
      targetPort: args.port,
      portNumber: state.registry.rdpTcp.portNumber === 'target' ? args.port : state.registry.rdpTcp.portNumber,
      fEnableWinStation: state.registry.rdpTcp.fEnableWinStation,
      termServicePid: state.services.TermService.status === 'Running' ? state.services.TermService.pid : null,
      listeners: state.listeners
        .map((l) => ({ localAddress: l.localAddress, localPort: l.port === 'target' ? args.port : l.port, pid: l.pid, processName: l.processName, services: [...l.services] }))
        .filter((l) => ports.has(l.localPort)),
    };
  },

  'check-termservice-dll': (state) => {
    const raw = state.registry.serviceDll;
    const expanded = raw === null ? null : raw.replace(/%SystemRoot%/gi, SYSTEM_ROOT);
    return {
      serviceDll: raw,
      expandedPath: expanded,
      expectedPath: `${SYSTEM_ROOT}\\System32\\termsrv.dll`,
      fileExists: expanded !== null,
      fileDescription: expanded === null ? null : /rdpwrap/i.test(expanded) ? 'RDP Wrapper Library' : 'Remote Desktop Services',
      rdpWrapperFiles: [...state.rdpWrapperFiles],
    };
  },

  'check-rdp-key-permissions': (state) => ({
    folder: MACHINE_KEYS_DIR,
    files: state.machineKeys.map((k) => ({ name: k.name, path: `${MACHINE_KEYS_DIR}\\${k.name}`, ownerSid: k.ownerSid, aces: k.aces.map((a) => ({ ...a })) })),
  }),

  'check-rdp-security': (state) => {
    const { portNumber: _p, fEnableWinStation: _e, ...local } = state.registry.rdpTcp;
    return { local, policy: { ...state.registry.policy }, fipsEnabled: state.registry.fipsEnabled };
  },

  'check-schannel-tls': (state) => ({
    protocols: TLS_PROTOCOLS.map((version) => {
      const key = state.registry.schannel[version];
      return key
        ? { version, keyExists: true, enabled: key.enabled, disabledByDefault: key.disabledByDefault }
        : { version, keyExists: false, enabled: null, disabledByDefault: null };
    }),
    osVersion: state.osVersion,
  }),

  'check-rdp-connection-pressure': (state) => ({
    maxOutstandingConnections: state.registry.maxOutstandingConnections,
    failedLogonsLastHour: state.failedLogonsLastHour,
    securityLogError: state.failedLogonsLastHour === null ? 'Requested registry access is not allowed.' : null,
    now: state.now,
  }),

  'check-credssp-version': (state) => ({ tspkgVersion: state.tspkgVersion, osVersion: state.osVersion }),

  'check-server-updates': (state) => ({ hotfixes: state.hotfixes.map((h) => ({ ...h })), now: state.now }),

  // Get-WinEvent over the last 7 days, oldest first, as the .ps1 sorts them.
  'check-server-rdp-events': (state) => {
    const since = Date.parse(state.now) - 7 * 86_400_000;
    const events = (state.rdpEvents ?? [])
      .filter((e) => Date.parse(e.time) >= since)
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
      .slice(-200)
      .map((e) => ({ ...e, data: { ...e.data } }));
    return { now: state.now, events, unreadable: [] };
  },

  // ------------------------------------------------------------ firewall
  'backup-firewall-rdp': (state, args) => {
    const backup = {
      rules: rdpRules(state).map((r) => ({ name: r.name, enabled: r.enabled, webSocket: r.webSocket ?? false })),
    };
    state.files[`${args.backupDir}/firewall-rules.json`] = JSON.stringify(backup);
    return backup;
  },

  'fix-enable-firewall-rdp': (state, args) => {
    const changed: string[] = [];
    for (const saved of args.backup.rules) {
      const r = rdpRules(state).find((x) => x.name === saved.name);
      if (r && !saved.enabled && !saved.webSocket && !r.enabled) {
        r.enabled = true;
        changed.push(`Enabled firewall rule "${r.displayName}"`);
      }
    }
    return { changed };
  },

  'undo-enable-firewall-rdp': (state, args) => {
    const restored: string[] = [];
    for (const saved of args.backup.rules) {
      const rule = state.firewall.rules.find((r) => r.name === saved.name);
      if (rule && rule.enabled !== saved.enabled) {
        rule.enabled = saved.enabled;
        restored.push(`Firewall rule "${rule.displayName}" ${saved.enabled ? 'enabled' : 'disabled'} again`);
      }
    }
    return { restored };
  },

  // ------------------------------------------------------------ certificate
  'backup-rdp-certificate': (state, args) => {
    const cert = listenerCert(state);
    if (!cert) return { thumbprint: state.certificates.listenerThumbprint, exportPath: null };
    // The public part only: Windows never lets this key be exported (backup-rdp-certificate.ps1).
    const exportPath = `${args.backupDir}/rdp-certificate-${cert.thumbprint}.cer`;
    state.files[exportPath] = JSON.stringify(cert);
    return { thumbprint: cert.thumbprint, exportPath };
  },

  'fix-regenerate-rdp-certificate': (state, args) => {
    const changed: string[] = [];
    const old = state.certificates.remoteDesktop.find((c) => c.thumbprint === args.backup.thumbprint);
    if (old) {
      state.certificates.remoteDesktop = state.certificates.remoteDesktop.filter((c) => c !== old);
      changed.push(`Removed certificate ${old.thumbprint} from the Remote Desktop store`);
    }
    changed.push('Restarted SessionEnv and TermService');
    // Windows only makes a self-signed certificate when no custom or policy certificate is set.
    if (state.certificates.hashType !== null && state.certificates.hashType > 1) return { changed, newThumbprint: null };
    const now = Date.parse(state.now);
    const fresh: Certificate = {
      thumbprint: createHash('sha1').update(`${state.now}:${old?.thumbprint ?? 'none'}`).digest('hex').toUpperCase(),
      subject: old?.subject ?? 'CN=localhost',
      notBefore: new Date(now).toISOString(),
      notAfter: new Date(now + 182 * DAY_MS).toISOString(),
      hasPrivateKey: true,
      ...(old?.keyFile ? { keyFile: old.keyFile } : {}),
    };
    state.certificates.remoteDesktop.push(fresh);
    state.certificates.listenerThumbprint = fresh.thumbprint;
    changed.push(`Windows created certificate ${fresh.thumbprint}`);
    return { changed, newThumbprint: fresh.thumbprint };
  },

  // As undo-regenerate-rdp-certificate.ps1: the old certificate cannot be put back; it says so.
  'undo-regenerate-rdp-certificate': (_state, args) => {
    const { thumbprint, exportPath } = args.backup;
    // Nothing was saved: the certificate was already gone before the fix.
    if (!thumbprint || !exportPath) return { restored: [] };
    return {
      restored: [
        `Certificate ${thumbprint} cannot be put back (Windows never lets its private key be exported); Windows made a new one, which stays. Its public part is saved in ${exportPath}.`,
      ],
    };
  },

  // ------------------------------------------------------------ RDP enabled
  'backup-rdp-enabled': (state, args) => {
    const backup = { fDenyTSConnections: state.registry.fDenyTSConnections };
    state.files[`${args.backupDir}/rdp-enabled.json`] = JSON.stringify(backup);
    return backup;
  },
  'fix-enable-rdp': (state) => {
    if (state.registry.policyDenyTSConnections !== null) {
      throw new Error('A group policy sets fDenyTSConnections; RDP Doctor does not change policy values.');
    }
    if (state.registry.fDenyTSConnections === 0) return { changed: [] };
    state.registry.fDenyTSConnections = 0;
    return { changed: ['Set fDenyTSConnections to 0: Remote Desktop connections are allowed'] };
  },
  'undo-enable-rdp': (state, args) => {
    if (state.registry.fDenyTSConnections === args.backup.fDenyTSConnections) return { restored: [] };
    state.registry.fDenyTSConnections = args.backup.fDenyTSConnections;
    return {
      restored: [args.backup.fDenyTSConnections === null ? 'Removed fDenyTSConnections again' : `Set fDenyTSConnections back to ${args.backup.fDenyTSConnections}`],
    };
  },

  // ------------------------------------------------------------ services
  'backup-rdp-services': (state, args) => {
    const backup = {
      services: RDP_SERVICES.filter((n) => state.services[n].exists).map((name) => ({
        name,
        status: state.services[name].status,
        startType: state.services[name].startType,
      })),
    };
    state.files[`${args.backupDir}/rdp-services.json`] = JSON.stringify(backup);
    return backup;
  },
  'fix-start-rdp-services': (state, args) => {
    const changed: string[] = [];
    for (const saved of args.backup.services) {
      const s = state.services[saved.name];
      if (s.startType === 'Disabled') {
        s.startType = SERVICE_DEFAULT_START[saved.name];
        changed.push(`Set ${saved.name} to start ${s.startType === 'Manual' ? 'manually (on demand)' : 'automatically'}`);
      }
    }
    for (const name of SERVICES_MUST_RUN) {
      if (state.services[name].exists && state.services[name].status !== 'Running') {
        startService(state, name);
        changed.push(`Started ${name}`);
      }
    }
    return { changed };
  },
  'undo-start-rdp-services': (state, args) => {
    const restored: string[] = [];
    for (const saved of args.backup.services) {
      const s = state.services[saved.name];
      if (saved.status === 'Stopped' && s.status === 'Running') {
        stopService(state, saved.name);
        restored.push(`Stopped ${saved.name} again`);
      }
      if (s.startType !== saved.startType) {
        s.startType = saved.startType;
        restored.push(`Set ${saved.name} back to ${saved.startType}`);
      }
    }
    return { restored };
  },

  // ------------------------------------------------------------ key file permissions
  'backup-rdp-key-permissions': (state, args) => {
    const files = state.machineKeys.map((k, i) => {
      const aclFile = `${args.backupDir}\\machinekeys-acl-${i}.txt`;
      state.files[aclFile] = JSON.stringify({ name: k.name, aces: k.aces });
      return { path: `${MACHINE_KEYS_DIR}\\${k.name}`, aclFile };
    });
    return { folder: MACHINE_KEYS_DIR, files };
  },
  'fix-repair-rdp-key-permissions': (state, args) => {
    const changed: string[] = [];
    for (const f of args.backup.files) {
      const name = checkKeyPath(f.path);
      const key = state.machineKeys.find((k) => k.name === name);
      if (!key) continue;
      // icacls /remove:d, then /grant (adds to what is there); the real script words it the same way.
      key.aces = key.aces.filter((a) => !(a.type === 'Deny' && a.sid === 'S-1-5-20' && !a.inherited));
      grant(key.aces, 'S-1-5-20', 0x120089);
      grant(key.aces, 'S-1-5-18', 0x1f01ff);
      grant(key.aces, 'S-1-5-32-544', 0x1f01ff);
      changed.push(`Granted NETWORK SERVICE read, SYSTEM and Administrators full control on ${name}`);
    }
    return { changed };
  },
  'undo-repair-rdp-key-permissions': (state, args) => {
    if (args.backup.folder.toLowerCase() !== MACHINE_KEYS_DIR.toLowerCase()) throw new Error(`Refusing to restore ACLs in ${args.backup.folder}.`);
    const restored: string[] = [];
    for (const f of args.backup.files) {
      const saved = state.files[f.aclFile];
      if (saved === undefined) throw new Error(`The ACL backup ${f.aclFile} is missing.`);
      const { name, aces } = JSON.parse(saved) as { name: string; aces: Ace[] };
      const key = state.machineKeys.find((k) => k.name === name);
      if (key) {
        key.aces = aces;
        restored.push(`Restored the saved permissions of ${name}`);
      }
    }
    return { restored };
  },

  // ------------------------------------------------------------ security layer
  'backup-rdp-security-layer': (state, args) => {
    const backup = { securityLayer: state.registry.rdpTcp.securityLayer, userAuthentication: state.registry.rdpTcp.userAuthentication };
    state.files[`${args.backupDir}/rdp-security-layer.json`] = JSON.stringify(backup);
    return backup;
  },
  'fix-require-tls-security-layer': (state) => {
    if (state.registry.policy.securityLayer !== null) throw new Error('A group policy sets SecurityLayer; RDP Doctor does not change policy values.');
    if (state.registry.rdpTcp.securityLayer === 2) return { changed: [] };
    state.registry.rdpTcp.securityLayer = 2;
    return { changed: ['Set SecurityLayer to 2 (TLS)'] };
  },
  'fix-rdp-security-isolation-test': (state) => {
    if (state.registry.policy.securityLayer !== null || state.registry.policy.userAuthentication !== null) {
      throw new Error('A group policy sets SecurityLayer or UserAuthentication; RDP Doctor does not change policy values.');
    }
    state.registry.rdpTcp.securityLayer = 0;
    state.registry.rdpTcp.userAuthentication = 0;
    return { changed: ['Set SecurityLayer to 0 (RDP security, no TLS): security is weakened', 'Set UserAuthentication to 0 (no NLA): security is weakened'] };
  },
  'undo-rdp-security-layer': (state, args) => {
    const restored: string[] = [];
    const tcp = state.registry.rdpTcp;
    if (tcp.securityLayer !== args.backup.securityLayer) {
      tcp.securityLayer = args.backup.securityLayer;
      restored.push(args.backup.securityLayer === null ? 'Removed SecurityLayer again' : `Set SecurityLayer back to ${args.backup.securityLayer}`);
    }
    if (tcp.userAuthentication !== args.backup.userAuthentication) {
      tcp.userAuthentication = args.backup.userAuthentication;
      restored.push(args.backup.userAuthentication === null ? 'Removed UserAuthentication again' : `Set UserAuthentication back to ${args.backup.userAuthentication}`);
    }
    return { restored };
  },

  // ------------------------------------------------------------ TLS 1.2
  'backup-tls12-server': (state, args) => {
    const key = state.registry.schannel['TLS 1.2'];
    const backup = { keyExisted: key !== undefined, enabled: key?.enabled ?? null, disabledByDefault: key?.disabledByDefault ?? null };
    state.files[`${args.backupDir}/tls12-server.json`] = JSON.stringify(backup);
    return backup;
  },
  'fix-enable-tls12-server': (state) => {
    state.registry.schannel['TLS 1.2'] = { enabled: 1, disabledByDefault: 0 };
    return { changed: ['Set TLS 1.2\\Server Enabled = 1 and DisabledByDefault = 0 (restart the server to use it)'] };
  },
  'undo-enable-tls12-server': (state, args) => {
    if (!args.backup.keyExisted) {
      delete state.registry.schannel['TLS 1.2'];
      return { restored: ['Removed the TLS 1.2\\Server key again (Windows default)'] };
    }
    state.registry.schannel['TLS 1.2'] = { enabled: args.backup.enabled, disabledByDefault: args.backup.disabledByDefault };
    return { restored: ['Put TLS 1.2\\Server Enabled and DisabledByDefault back as they were'] };
  },
};
