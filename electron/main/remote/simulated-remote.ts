import { join } from 'node:path';
import { connectOnce } from '../probe/tcp';
import { loadScriptTexts, type ScriptTexts } from './script-texts';
import { RemoteService } from './service';
import type { WindowsPort } from '../ports';

/** The repository's own scripts folder (tests and e2e run from the checkout). */
const SCRIPTS_DIR = join(__dirname, '../../../assets/scripts');
let texts: ScriptTexts | null = null;

/**
 * The remote service of the simulated machine: the WinRM port check is real (tests point it at
 * loopback), there is no PowerShell to connect with, and fix scripts are made from the real
 * scripts under assets/scripts.
 */
export function simulatedRemote(server?: { computerName: string; machine: WindowsPort }): RemoteService {
  return new RemoteService({
    platform: 'win32',
    wrapperPath: 'C:\\Program Files\\RDP Doctor\\resources\\scripts\\invoke-remote.ps1',
    // With a simulated server, its WinRM answers over HTTPS (5986); otherwise the check is real.
    reachability: server
      ? {
          connect: async (address, port) =>
            port === 5986 ? { address, state: 'open', ms: 1, error: null } : { address, state: 'refused', ms: 1, error: 'ECONNREFUSED' },
        }
      : { connect: connectOnce },
    startSession: null,
    texts: () => (texts ??= loadScriptTexts(SCRIPTS_DIR)),
    ...(server ? { simulated: server } : {}),
  });
}
