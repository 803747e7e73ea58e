import type { Evaluator } from '../diagnosis/types';
import { serverFirewallDiagnosis } from './server-firewall/diagnosis';
import { serverRdpEnabledDiagnosis } from './server-rdp-enabled/diagnosis';
import { serverServicesDiagnosis } from './server-services/diagnosis';
import { serverListenerDiagnosis } from './server-listener/diagnosis';
import { serverServiceDllDiagnosis } from './server-service-dll/diagnosis';
import { serverCertificateDiagnosis } from './server-certificate/diagnosis';
import { serverKeyPermissionsDiagnosis } from './server-key-permissions/diagnosis';
import { serverSecuritySettingsDiagnosis } from './server-security-settings/diagnosis';
import { serverTlsVersionsDiagnosis } from './server-tls-versions/diagnosis';
import { serverConnectionPressureDiagnosis } from './server-connection-pressure/diagnosis';
import { serverCredSspDiagnosis } from './server-credssp/diagnosis';
import { serverUpdatesDiagnosis } from './server-updates/diagnosis';
import { serverRdpEventsDiagnosis } from './server-rdp-events/diagnosis';

/** The evaluation and rules of each check in shared/checks/, in the order of checkCatalogs. */
export const checkDiagnoses = [
  serverFirewallDiagnosis,
  serverRdpEnabledDiagnosis,
  serverServicesDiagnosis,
  serverListenerDiagnosis,
  serverServiceDllDiagnosis,
  serverCertificateDiagnosis,
  serverKeyPermissionsDiagnosis,
  serverSecuritySettingsDiagnosis,
  serverTlsVersionsDiagnosis,
  serverConnectionPressureDiagnosis,
  serverCredSspDiagnosis,
  serverUpdatesDiagnosis,
  serverRdpEventsDiagnosis,
] as const;

type ModuleCheckId = (typeof checkDiagnoses)[number]['id'];
export const moduleEvaluators = Object.fromEntries(checkDiagnoses.map((d) => [d.id, d.evaluate])) as Record<ModuleCheckId, Evaluator>;
export const moduleRules = checkDiagnoses.flatMap((d) => d.rules);
