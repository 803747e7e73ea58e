import type { MachineState } from '../../../shared/simulated/machine-state';
import type { Scenario } from '../../../shared/simulated/scenario';
import { healthy } from '../../../shared/simulated/healthy';
import { combinedScenarios } from './scenarios/combined';
import { scenarios as serverFirewall } from '../../../shared/checks/server-firewall/scenarios';
import { scenarios as serverCertificate } from '../../../shared/checks/server-certificate/scenarios';
import { scenarios as serverKeyPermissions } from '../../../shared/checks/server-key-permissions/scenarios';
import { scenarios as serverRdpEnabled } from '../../../shared/checks/server-rdp-enabled/scenarios';
import { scenarios as serverServices } from '../../../shared/checks/server-services/scenarios';
import { scenarios as serverListener } from '../../../shared/checks/server-listener/scenarios';
import { scenarios as serverServiceDll } from '../../../shared/checks/server-service-dll/scenarios';
import { scenarios as serverSecuritySettings } from '../../../shared/checks/server-security-settings/scenarios';
import { scenarios as serverTlsVersions } from '../../../shared/checks/server-tls-versions/scenarios';
import { scenarios as serverConnectionPressure } from '../../../shared/checks/server-connection-pressure/scenarios';
import { scenarios as serverCredssp } from '../../../shared/checks/server-credssp/scenarios';
import { scenarios as serverAuthentication } from '../../../shared/checks/server-authentication/scenarios';
import { scenarios as serverUpdates } from '../../../shared/checks/server-updates/scenarios';
import { scenarios as clientSavedCredentials } from '../../../shared/checks/client-saved-credentials/scenarios';
import { scenarios as clientConnectionData } from '../../../shared/checks/client-connection-data/scenarios';
import { scenarios as clientLicenseCache } from '../../../shared/checks/client-license-cache/scenarios';
import { scenarios as clientCredssp } from '../../../shared/checks/client-credssp/scenarios';
import { scenarios as clientAuthentication } from '../../../shared/checks/client-authentication/scenarios';
import { scenarios as clientUdp } from '../../../shared/checks/client-udp/scenarios';
import { scenarios as clientUpdates } from '../../../shared/checks/client-updates/scenarios';
import { scenarios as clientRdpLog } from '../../../shared/checks/client-rdp-log/scenarios';
import { scenarios as clientOutboundSecurity } from '../../../shared/checks/client-outbound-security/scenarios';
import { scenarios as clientRdpApp } from '../../../shared/checks/client-rdp-app/scenarios';
import { scenarios as clientTls } from '../../../shared/checks/client-tls/scenarios';
import { healthyClient } from '../../../shared/simulated/healthy-client';
import { windows11AsShipped } from './scenarios/windows11-laptop';

export type { Scenario } from '../../../shared/simulated/scenario';

/**
 * Scenarios as data: a healthy machine and the causes planted into it. `npm start --
 * --simulate <name>` and the tests use the same names.
 */
export const scenarios: Record<string, Scenario> = {
  healthy: { title: 'A healthy server', expectedFinding: null, state: healthy },
  ...serverFirewall,
  ...serverCertificate,
  ...serverKeyPermissions,
  ...serverRdpEnabled,
  ...serverServices,
  ...serverListener,
  ...serverServiceDll,
  ...serverSecuritySettings,
  ...serverTlsVersions,
  ...serverConnectionPressure,
  ...serverCredssp,
  ...serverAuthentication,
  ...serverUpdates,
  ...clientSavedCredentials,
  ...clientConnectionData,
  ...clientLicenseCache,
  ...clientCredssp,
  ...clientAuthentication,
  ...clientUdp,
  ...clientUpdates,
  ...clientRdpLog,
  ...clientOutboundSecurity,
  ...clientRdpApp,
  ...clientTls,
  ...combinedScenarios,
};

export const scenarioNames = Object.keys(scenarios);

export function scenarioState(name: string): MachineState {
  const s = scenarios[name];
  if (!s) throw new Error(`Unknown scenario "${name}". Known: ${scenarioNames.join(', ')}.`);
  return structuredClone(s.state);
}

/**
 * A scenario as two computers: this PC (a Windows 11 laptop as shipped, carrying the scenario's
 * client-side causes) and the server (a Windows Server 2022 host, carrying its server-side causes,
 * with a healthy client side of its own). Each cause lives on the computer it belongs to.
 */
export function scenarioComputers(name: string): { thisPc: MachineState; server: MachineState } {
  const planted = scenarioState(name);
  const { client, now } = planted;
  return {
    // The laptop's user has a non-ASCII name, as many do: their profile path carries it.
    thisPc: {
      ...windows11AsShipped(),
      now,
      files: {},
      client: { ...client, documentsDir: 'C:\\Users\\Jürgen\\Documents', localAppDataDir: 'C:\\Users\\Jürgen\\AppData\\Local' },
    },
    // One Windows has one list of installed updates (Get-HotFix): the server's own. The client half
    // of its state must not add a laptop's updates to it.
    // Windows names its own certificate after the computer: the server is OFFICE-PC here.
    server: {
      ...planted,
      certificates: {
        ...planted.certificates,
        remoteDesktop: planted.certificates.remoteDesktop.map((c) => ({ ...c, subject: 'CN=OFFICE-PC' })),
      },
      client: { ...structuredClone(healthyClient), hotfixes: [] },
      files: {},
    },
  };
}
