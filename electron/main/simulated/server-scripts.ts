import { createHash } from 'node:crypto';
import type { serverScripts } from '../../../shared/catalog/server/scripts';
import type { MachineState } from './machine-state';
import type { SimScript } from './sim-script';
type Certificate = MachineState['certificates']['remoteDesktop'][number];

const RDP_GROUP = 'Remote Desktop';
const DAY_MS = 86_400_000;

const rdpRules = (state: MachineState) => state.firewall.rules.filter((r) => r.group === RDP_GROUP);

function listenerCert(state: MachineState): Certificate | null {
  return state.certificates.remoteDesktop.find((c) => c.thumbprint === state.certificates.listenerThumbprint) ?? null;
}

/** The server scripts acted out on the simulated machine. */
export const serverSimScripts: { [S in keyof typeof serverScripts]: SimScript<S> } = {
  'check-firewall-rdp': (state) => ({
    activeProfiles: [...state.firewall.activeProfiles],
    rules: rdpRules(state).map(({ group: _group, ...rule }) => ({ ...rule, profiles: [...rule.profiles] })),
  }),

  'check-rdp-certificate': (state) => ({
    listenerThumbprint: state.certificates.listenerThumbprint,
    store: state.certificates.remoteDesktop.map((c) => ({ ...c })),
    now: state.now,
  }),

  'backup-firewall-rdp': (state, args) => {
    const backup = { rules: rdpRules(state).map((r) => ({ name: r.name, enabled: r.enabled })) };
    state.files[`${args.backupDir}/firewall-rules.json`] = JSON.stringify(backup);
    return backup;
  },

  'fix-enable-firewall-rdp': (state) => {
    const changed: string[] = [];
    for (const r of rdpRules(state)) {
      if (!r.enabled) {
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

  'backup-rdp-certificate': (state, args) => {
    const cert = listenerCert(state);
    if (!cert) return { thumbprint: null, exportPath: null };
    const exportPath = `${args.backupDir}/rdp-certificate-${cert.thumbprint}.pfx`;
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
    // Restarting SessionEnv/TermService makes Windows issue a fresh self-signed certificate.
    const now = Date.parse(state.now);
    const fresh: Certificate = {
      thumbprint: createHash('sha1').update(`${state.now}:${old?.thumbprint ?? 'none'}`).digest('hex').toUpperCase(),
      subject: old?.subject ?? 'CN=localhost',
      notBefore: new Date(now).toISOString(),
      notAfter: new Date(now + 182 * DAY_MS).toISOString(),
      hasPrivateKey: true,
    };
    state.certificates.remoteDesktop.push(fresh);
    state.certificates.listenerThumbprint = fresh.thumbprint;
    changed.push('Restarted SessionEnv and TermService', `Windows created certificate ${fresh.thumbprint}`);
    return { changed, newThumbprint: fresh.thumbprint };
  },

  'undo-regenerate-rdp-certificate': (state, args) => {
    const { exportPath } = args.backup;
    if (!exportPath) return { restored: [] };
    const saved = state.files[exportPath];
    if (saved === undefined) throw new Error(`The backup file ${exportPath} is missing.`);
    const cert = JSON.parse(saved) as Certificate;
    state.certificates.remoteDesktop = state.certificates.remoteDesktop.filter((c) => c.thumbprint !== cert.thumbprint);
    state.certificates.remoteDesktop.push(cert);
    state.certificates.listenerThumbprint = cert.thumbprint;
    return { restored: [`Certificate ${cert.thumbprint} imported and selected for Remote Desktop again`] };
  },
};
