import { join } from 'node:path';
import { connectOnce } from '../probe/tcp';
import { loadScriptTexts, type ScriptTexts } from './script-texts';
import { RemoteService } from './service';

/** The repository's own scripts folder (tests and e2e run from the checkout). */
const SCRIPTS_DIR = join(__dirname, '../../../assets/scripts');
let texts: ScriptTexts | null = null;

/**
 * The remote service of the simulated machine: the WinRM port check is real (tests point it at
 * loopback), there is no PowerShell to connect with, and fix scripts are made from the real
 * scripts under assets/scripts.
 */
export function simulatedRemote(): RemoteService {
  return new RemoteService({
    platform: 'win32',
    wrapperPath: 'C:\\Program Files\\RDP Doctor\\resources\\scripts\\invoke-remote.ps1',
    reachability: { connect: connectOnce },
    startSession: null,
    texts: () => (texts ??= loadScriptTexts(SCRIPTS_DIR)),
  });
}
