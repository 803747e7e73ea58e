import { z } from 'zod';
import type { ScriptId } from './types';
import { Thumbprint } from './script-def';
import { checkCatalogs } from '../checks/registry';
import { readableOf } from '../checks/define';
import { FirewallFactsSchema } from '../checks/server-firewall/catalog';
import { RdpCertificateFactsSchema } from '../checks/server-certificate/catalog';
import { KeyPermissionsFactsSchema } from '../checks/server-key-permissions/catalog';
import { RdpEnabledFactsSchema } from '../checks/server-rdp-enabled/catalog';
import { SecuritySettingsFactsSchema } from '../checks/server-security-settings/catalog';
import type { CheckResult } from '../results';
import { psLiteral } from '../powershell-literal';

/**
 * What each catalog script does, as PowerShell a person can read aloud and type: the cmdlets and
 * tools the script itself calls, with the registry paths, rule groups and SIDs spelled out.
 * The script is the truth: test/catalog/readable-commands.test.ts checks that every cmdlet and
 * tool named here is one the script (or the library it loads) really calls. Values the checks
 * found (the target, the rules that are off, the certificate, its key file, previous values)
 * and the change's backup folder (`{backupDir}`, a file in it `{backupDir\name}`: the folder the
 * run will use, named before it runs) appear as {name} (see `readableValueLabels`), filled in by
 * `fillReadable` as PowerShell literals; what no one knows yet stays a <placeholder>.
 * Lines starting with # are comments: what the script decides that one line cannot show.
 */
export const readableScripts: Record<ScriptId, readonly string[]> = {
  ...readableOf(checkCatalogs),
  // ------------------------------------------------------------------ the scripts no check owns
  'read-client-mru': ["Get-ItemProperty -LiteralPath 'Registry::HKCU\\Software\\Microsoft\\Terminal Server Client\\Default'"],
  'read-client-last-disconnect': [
    "Get-WinEvent -FilterHashtable @{ LogName = 'Microsoft-Windows-TerminalServices-RDPClient/Operational'; Id = 1024, 1026 } -MaxEvents 100",
  ],
  'restart-computer': ["shutdown.exe /r /t 60 /d p:2:4 /c 'RDP Doctor: restarting so that a Remote Desktop setting (TLS) takes effect.'"],
  'abort-restart': ['shutdown.exe /a'],
  'read-revert-timers': ["Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\RDP Doctor\\Timers\\<change id>'"],
};

/**
 * The values a readable line can name, found by the checks (`readableValues`) or given by the
 * target. Shown to people only: each is put in as a single-quoted PowerShell literal (or a
 * number), never pasted, so a line that names it stays one command with literal values.
 */
const Literal = z
  .string()
  .min(1)
  .max(400)
  .regex(/^[^\u0000-\u001f\u007f]+$/);
export const ReadableValuesSchema = z
  .object({
    /** The "Remote Desktop" group's rules that are off now, WebSocket ones left out (as the fix does). */
    rulesOff: z.array(Literal).min(1).max(32).optional(),
    /** The listener certificate's thumbprint. */
    thumbprint: Thumbprint.optional(),
    /** The certificate the repoint fix would choose on the server (the check's replacement). */
    replacement: Thumbprint.optional(),
    /** The full path of the key file the listener certificate names. */
    keyFile: Literal.optional(),
    /** The values a fix changes, as they are now: what its undo puts back. */
    fDenyTSConnections: z.number().int().min(0).optional(),
    securityLayer: z.number().int().min(0).optional(),
    userAuthentication: z.number().int().min(0).optional(),
  })
  .strict();
export type ReadableValues = z.infer<typeof ReadableValuesSchema>;

/**
 * {host} and {port} come from the target, {backupDir} from the fix engine (never from the page);
 * the rest from the checks. Unknown: this label instead.
 */
export const readableValueLabels: Record<keyof ReadableValues | 'host' | 'port' | 'backupDir', string> = {
  host: '<computer>',
  port: '<port>',
  backupDir: '<backup folder>',
  rulesOff: "<each rule of the group '@FirewallAPI.dll,-28752' that is off>",
  thumbprint: '<thumbprint>',
  replacement: '<the certificate chosen on the server>',
  keyFile: '<key file>',
  fDenyTSConnections: '<previous value>',
  securityLayer: '<previous value>',
  userAuthentication: '<previous value>',
};

type Fill = ReadableValues & { host?: string; port?: number; backupDir?: string };

function literalOf(value: string | number | readonly string[] | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : null;
  const list = typeof value === 'string' ? [value] : value;
  if (list.length === 0 || list.some((v) => v.includes('\0'))) return null;
  return list.map(psLiteral).join(', ');
}

/**
 * A readable line with its {name} tokens filled in as literals; an unknown value keeps its <label>.
 * `{backupDir\name}` is a file in that folder: one literal of the whole path.
 */
export function fillReadable(line: string, values: Fill): string {
  return line.replace(/\{(\w+)(?:\\([\w.-]+))?\}/g, (token, name: string, file: string | undefined) => {
    if (!(name in readableValueLabels)) return token;
    const key = name as keyof typeof readableValueLabels;
    const value = values[key];
    if (file === undefined) return literalOf(value) ?? readableValueLabels[key];
    const path = typeof value === 'string' ? literalOf(`${value.replace(/[\\/]+$/, '')}\\${file}`) : null;
    return path ?? `${readableValueLabels[key]}\\${file}`;
  });
}

/** The values the scan's checks found that the readable lines name (facts that do not parse give none). */
export function readableValues(results: readonly CheckResult[]): ReadableValues {
  const facts = <T>(checkId: string, schema: z.ZodType<T>): T | null => {
    const parsed = schema.safeParse(results.find((r) => r.checkId === checkId)?.facts);
    return parsed.success ? parsed.data : null;
  };
  const values: ReadableValues = {};
  const firewall = facts('server-firewall', FirewallFactsSchema);
  const off = firewall?.rules.filter((r) => !r.enabled && !r.webSocket).map((r) => r.name) ?? [];
  if (off.length > 0) values.rulesOff = off;
  const certificate = facts('server-certificate', RdpCertificateFactsSchema);
  if (certificate?.listenerThumbprint) values.thumbprint = certificate.listenerThumbprint;
  if (certificate?.replacement) values.replacement = certificate.replacement.thumbprint;
  const listenerCert = [...(certificate?.store ?? []), ...(certificate?.myStore ?? [])].find(
    (c) => c.thumbprint === certificate?.listenerThumbprint,
  );
  const permissions = facts('server-key-permissions', KeyPermissionsFactsSchema);
  const keyFile = permissions?.key?.path ?? permissions?.files[0]?.path ?? listenerCert?.key?.path ?? listenerCert?.keyFile;
  if (keyFile) values.keyFile = keyFile;
  const enabled = facts('server-rdp-enabled', RdpEnabledFactsSchema);
  if (enabled?.fDenyTSConnections != null) values.fDenyTSConnections = enabled.fDenyTSConnections;
  const security = facts('server-security-settings', SecuritySettingsFactsSchema);
  if (security?.local.securityLayer != null) values.securityLayer = security.local.securityLayer;
  if (security?.local.userAuthentication != null) values.userAuthentication = security.local.userAuthentication;
  // A value that is no plain name or path (a control character, too long) is left out, not shown.
  const shape = ReadableValuesSchema.shape;
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => shape[key as keyof ReadableValues].safeParse(value).success),
  ) as ReadableValues;
}
