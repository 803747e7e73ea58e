import { serverSecuritySettingsDiagnosis } from './server-security-settings/diagnosis';
import { serverListenerDiagnosis } from './server-listener/diagnosis';
import { serverServicesDiagnosis } from './server-services/diagnosis';
import { serverServiceDllDiagnosis } from './server-service-dll/diagnosis';
import { serverFirewallDiagnosis } from './server-firewall/diagnosis';
import { serverUpdatesDiagnosis } from './server-updates/diagnosis';
import { serverCredSspDiagnosis } from './server-credssp/diagnosis';
import { serverConnectionPressureDiagnosis } from './server-connection-pressure/diagnosis';
import { serverRdpEnabledDiagnosis } from './server-rdp-enabled/diagnosis';
import type { Evaluator } from '../diagnosis/types';
import { serverTlsVersionsDiagnosis } from './server-tls-versions/diagnosis';

/** The evaluation and rules of each check in shared/checks/, in the order of checkCatalogs. */
export const checkDiagnoses = [
  serverTlsVersionsDiagnosis,
  serverRdpEnabledDiagnosis,
  serverConnectionPressureDiagnosis,
  serverCredSspDiagnosis,
  serverUpdatesDiagnosis,
  serverFirewallDiagnosis,
  serverServiceDllDiagnosis,
  serverServicesDiagnosis,
  serverListenerDiagnosis,
  serverSecuritySettingsDiagnosis,
] as const;

type ModuleCheckId = (typeof checkDiagnoses)[number]['id'];
export const moduleEvaluators = Object.fromEntries(checkDiagnoses.map((d) => [d.id, d.evaluate])) as Record<ModuleCheckId, Evaluator>;
export const moduleRules = checkDiagnoses.flatMap((d) => d.rules);
