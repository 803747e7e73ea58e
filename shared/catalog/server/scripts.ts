import { z } from 'zod';
import { NoArgs, type ScriptDef } from '../script-def';
import { serverCheckCatalogs } from '../../checks/catalogs';
import { scriptsOf } from '../../checks/define';
export { ServerRdpEventsFactsSchema, type ServerRdpEvent } from '../../checks/server-rdp-events/catalog';
export { type Ace } from '../../checks/server-key-permissions/catalog';
export { type StoreCertificateFacts, type RdpCertificateFacts } from '../../checks/server-certificate/catalog';
export { type SecurityValues } from '../../checks/server-security-settings/catalog';
export { type RdpServiceName, type ServiceStatus, type StartType } from '../../checks/server-services/catalog';
export { ServerUpdatesFactsSchema } from '../../checks/server-updates/catalog';
export { CredSspVersionFactsSchema } from '../../checks/server-credssp/catalog';

export { SchannelFactsSchema, type SchannelFacts } from '../../checks/server-tls-versions/catalog';
export type { FirewallRule } from '../../checks/server-firewall/catalog';
export type { TlsProtocol } from '../script-def';

// ---------------------------------------------------------------- connection pressure, CredSSP, updates

/** A restart scheduled with shutdown.exe: in how many seconds, and the command that calls it off. */
const RestartFactsSchema = z.object({ restartInSeconds: z.number().int().min(0), cancelCommand: z.string() });
/** shutdown.exe /a: called off, or there was none to call off (it began already, or someone called it off). */
const CancelRestartFactsSchema = z.object({ cancelled: z.boolean(), nonePending: z.boolean() });

/**
 * A fix is three scripts: backup (saves the previous state, changes nothing), apply (given that
 * backup), undo (given the same backup). The journal records the backup before apply runs.
 */
export const serverScripts = {
  ...scriptsOf(serverCheckCatalogs),
  /** Not a fix: the restart a fix that takes effect only at startup asks for (Windows' own one-minute notice first). */
  'restart-computer': { file: 'restart-computer.ps1', args: NoArgs, facts: RestartFactsSchema },
  /** "Cancel restart": calls off that restart within Windows' notice, on the computer told to restart. */
  'abort-restart': { file: 'abort-restart.ps1', args: NoArgs, facts: CancelRestartFactsSchema },
} as const satisfies Record<string, ScriptDef>;
