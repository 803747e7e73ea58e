import { getCheck, type CheckId, checks } from '../../shared/catalog/checks';
import { fixes, type FixDef, type FixId } from '../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../shared/catalog/scripts';
import { fakeMachineOf, outboundBlockRule } from '../../electron/main/simulated/fake-machine';
import { scenarioComputers, scenarioState, scenarios } from '../../electron/main/simulated/scenarios';
import { TARGET as SCENARIO_TARGET } from '../../shared/simulated/scenario';
import {
  CREDSSP,
  HKLM,
  RDP_KEY_FILE,
  RDP_TCP,
  SCHANNEL,
  TERMINAL_SERVER,
  dword,
  healthyClient,
  healthyServer,
  type MachineState,
} from './machines';

export const TARGET = { host: 'srv01.contoso.com', port: 3389 };

type Mutate = (m: MachineState) => void;
const variant = (base: () => MachineState, change: Mutate) => () => {
  const m = base();
  change(m);
  return m;
};
const firewall = (m: MachineState) => m.firewall as { rules: Record<string, unknown>[]; profiles: Record<string, unknown>[] };
const services = (m: MachineState) => m.services as Record<string, Record<string, unknown>>;
const files = (m: MachineState) => m.files as Record<string, { acl: { aces: Record<string, unknown>[] } }>;

/**
 * The server of a scenario, as the fake Windows holds it; the server's checks and fixes run as
 * administrator (PowerShell remoting sessions are).
 */
const scenarioServer = (name: string) => () =>
  fakeMachineOf(scenarioState(name), { name: 'SRV01', targetPort: 3389, administrator: true }) as unknown as MachineState;
/** This computer of a scenario (the laptop), its user an administrator (a fix asks for elevation). */
const scenarioClient = (name: string) => () =>
  fakeMachineOf(scenarioComputers(name).thisPc, {
    name: 'LAPTOP-JURGEN',
    targetPort: 3389,
    administrator: true,
  }) as unknown as MachineState;

/** Servers, each with one thing wrong (or nothing), and the finding the checks must make. */
export const serverMachines: Record<string, () => MachineState> = {
  'healthy-server': healthyServer,
  // Issue 24 §1: the company CA's certificate Remote Desktop was pointed at expired; its renewal
  // (valid, trusted through the server's Root and CA stores, a CNG key NETWORK SERVICE may read)
  // sits beside it in My.
  'ca-certificate-expired': scenarioServer('ca-certificate-expired-renewed-beside'),
  'firewall-closed': variant(healthyServer, (m) => {
    for (const rule of firewall(m).rules) rule.enabled = 'False';
  }),
  'rdp-disabled': variant(healthyServer, (m) => {
    m.registry[TERMINAL_SERVER]!.fDenyTSConnections = dword(1);
  }),
  'termservice-disabled': variant(healthyServer, (m) => {
    Object.assign(services(m).TermService!, { status: 'Stopped', startType: 'Disabled' });
    Object.assign(services(m).UmRdpService!, { status: 'Stopped' });
    m.tcpListeners = [];
  }),
  'key-unreadable': variant(healthyServer, (m) => {
    const acl = files(m)[RDP_KEY_FILE]!.acl;
    acl.aces = acl.aces.filter((a) => a.sid !== 'S-1-5-20');
  }),
  // Someone removed the Administrators entry: only SYSTEM (the owner) may read or change the ACL.
  'key-admins-removed': variant(healthyServer, (m) => {
    const acl = files(m)[RDP_KEY_FILE]!.acl;
    acl.aces = acl.aces.filter((a) => a.sid === 'S-1-5-18');
  }),
  // NETWORK SERVICE reads the key through BUILTIN\Users, a group in its token: nothing is wrong.
  'key-readable-through-users': variant(healthyServer, (m) => {
    const acl = files(m)[RDP_KEY_FILE]!.acl;
    acl.aces = [
      ...acl.aces.filter((a) => a.sid !== 'S-1-5-20'),
      { sid: 'S-1-5-32-545', type: 'Allow', rights: 0x120089, inherited: false },
    ];
  }),
  'rdp-security-layer': variant(healthyServer, (m) => {
    m.registry[RDP_TCP]!.SecurityLayer = dword(0);
  }),
  'tls12-disabled': variant(healthyServer, (m) => {
    m.registry[`${SCHANNEL}\\TLS 1.2`] = {};
    m.registry[`${SCHANNEL}\\TLS 1.2\\Server`] = { Enabled: dword(0), DisabledByDefault: dword(1) };
  }),
  // The Remote Desktop rules come from a group policy; the local copies are off and do not matter.
  'firewall-by-policy': variant(healthyServer, (m) => {
    const local = firewall(m).rules;
    const gpo = local.filter((r) => !String(r.name).endsWith('WSS')).map((r) => ({ ...r, store: 'GPO' }));
    for (const r of local) r.enabled = 'False';
    local.push(...gpo);
  }),
  // A group policy turns local rules off: the enabled local Remote Desktop rules are not in force.
  'policy-ignores-local-rules': variant(healthyServer, (m) => {
    for (const p of firewall(m).profiles) p.allowLocalFirewallRules = 'False';
  }),
  'certificate-expired': variant(healthyServer, (m) => {
    const store = (m.certificates as Record<string, Record<string, unknown>[]>)['LocalMachine\\Remote Desktop']!;
    const midnight = (offset: number) => new Date(Math.floor(Date.now() / 86_400_000 + offset) * 86_400_000).toISOString();
    Object.assign(store[0]!, { notBefore: midnight(-200), notAfter: midnight(-20) });
  }),
  // Incoming NTLM denied for every account, Restricted Admin allowed (DisableRestrictedAdmin = 0).
  'ntlm-incoming-denied': variant(healthyServer, (m) => {
    m.registry[`${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa`] = { DisableRestrictedAdmin: dword(0) };
    m.registry[`${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0`] = { RestrictReceivingNTLMTraffic: dword(2) };
  }),
};

const rule = outboundBlockRule;

export const clientMachines: Record<string, () => MachineState> = {
  'healthy-client': healthyClient,
  'stale-credentials': variant(healthyClient, (m) => {
    (m.credentials as unknown[]).unshift({
      target: 'LegacyGeneric:target=TERMSRV/srv01.contoso.com',
      type: 'Generic',
      user: 'CONTOSO\\alice',
    });
  }),
  // The client's own log: the last attempt to the target ended with 0x904 (2308).
  'client-saw-0x904': variant(healthyClient, (m) => {
    const log = (m.events as Record<string, { records: { id: number; data: { name: string; value: string }[] }[] }>)[
      'Microsoft-Windows-TerminalServices-RDPClient/Operational'
    ]!;
    log.records.find((r) => r.id === 1026)!.data.find((d) => d.name === 'Value')!.value = '2308';
  }),
  'damaged-connection-data': variant(healthyClient, (m) => {
    (m.files as Record<string, unknown>)['Users/alice/AppData/Local/Microsoft/Terminal Server Client/Cache/bcache22.bmc'] = { text: '' };
  }),
  // Outbound block rules: one from a group policy (only in ActiveStore), RemotePort lists and ranges.
  'outbound-blocked': variant(healthyClient, (m) => {
    firewall(m).rules.push(
      rule('Block RDP (GPO)', { store: 'GPO', remotePort: ['3389', '5000-5010'] }),
      rule('Block a port range', { remotePort: ['3000-3400'] }),
      rule('Block HTTPS only', { remotePort: ['443'] }),
      rule('Block mstsc', { program: '%SystemRoot%\\system32\\mstsc.exe' }),
    );
  }),
  // A hardening baseline: outgoing NTLM denied, one build server excepted (not the target).
  'ntlm-denied': variant(healthyClient, (m) => {
    m.registry[`${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0`] = {
      NtlmMinClientSec: dword(536870912),
      RestrictSendingNTLMTraffic: dword(2),
      ClientAllowedNTLMServers: { type: 'MultiString', value: ['build01.contoso.com'] },
    };
  }),
  // The same, with the target covered by a wildcard entry: nothing stops this connection.
  'ntlm-denied-target-excepted': variant(healthyClient, (m) => {
    m.registry[`${HKLM}\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0`] = {
      RestrictSendingNTLMTraffic: dword(2),
      ClientAllowedNTLMServers: { type: 'MultiString', value: ['build01.contoso.com', '*.CONTOSO.com'] },
    };
  }),
  'credssp-oracle-blocked': variant(healthyClient, (m) => {
    m.registry[`${HKLM}\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP`] = {};
    m.registry[CREDSSP] = { AllowEncryptionOracle: dword(0) };
  }),
};

/** Checks whose scripts run on one side, with the arguments the scan gives them. */
export function checksOf(side: 'client' | 'server'): { checkId: CheckId; script: ScriptId; args: Record<string, unknown> }[] {
  return checks.flatMap((c) => {
    const source = getCheck(c.id).source;
    if (source.kind !== 'script' || source.side !== side) return [];
    return [{ checkId: c.id, script: source.script, args: source.withTarget ? { ...TARGET } : {} }];
  });
}

const fix = (id: FixId) => fixes.find((f) => f.id === id)! as FixDef;

export interface FixCase {
  fix: FixDef;
  machine: () => MachineState;
  /** The computer the scan connects to (the credential fix and the NTLM exception name it). */
  target: { host: string; port: number };
  /** Commands whose failure is injected into apply ("name" = next call, "name@2" = second). */
  applyFaults: string[];
  /** A command the undo calls, whose failure is injected once (the undo is then run again). */
  undoFault: string | null;
}

/**
 * Every fix in the catalog, on the computer it changes in the first scenario that names it with
 * its faults (Scenario.repairedBy and faults, in the check's folder: shared/checks/<check-id>/scenarios.ts).
 */
const scenarioFixCases: FixCase[] = fixes.map((f) => {
  const found = Object.entries(scenarios).find(([, s]) => s.repairedBy?.includes(f.id) && s.faults?.[f.id]);
  if (!found) throw new Error(`No scenario names the fix ${f.id} in repairedBy with its faults (Scenario.faults).`);
  const [name, scenario] = found;
  const faults = scenario.faults![f.id]!;
  return {
    fix: f,
    machine: f.side === 'server' ? scenarioServer(name) : scenarioClient(name),
    target: f.side === 'server' ? TARGET : { host: SCENARIO_TARGET, port: 3389 },
    applyFaults: [...faults.apply],
    undoFault: faults.undo,
  };
});

/** Every fix in its scenario, and a few on a second machine, where the script takes another path. */
export const fixCases: FixCase[] = [
  ...scenarioFixCases,
  // The NTLM exception where the list and its key do not exist yet: the undo removes what it created.
  {
    fix: fix('allow-ntlm-to-server'),
    machine: healthyClient,
    target: TARGET,
    applyFaults: ['New-ItemProperty'],
    undoFault: 'Remove-ItemProperty',
  },
];

/** The arguments a fix's backup script gets (the credential backup also names the target). */
export function backupArgs(c: FixCase, backupDir: string): Record<string, unknown> {
  const shape = (scripts[c.fix.backupScript].args as { shape?: Record<string, unknown> }).shape ?? {};
  return 'host' in shape ? { backupDir, ...c.target } : { backupDir };
}

/** Fixes whose undo cannot put the machine back, and say so in the catalog. */
export const cannotBeUndone = (f: FixDef) => /cannot be (fully )?(put back|undone)/i.test(f.undoPlain);
