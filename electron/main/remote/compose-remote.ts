import { userInfo } from 'node:os';
import { join } from 'node:path';
import { connectOnce } from '../probe/tcp';
import { PowerShellSession, windowsPowerShellPath } from '../powershell/session';
import { REMOTE_MIN_TIMEOUT_MS, REMOTE_WRAPPER } from './remote-windows';
import { preloadScriptTexts } from './script-texts';
import { RemoteService } from './service';

export interface RemoteEnvironment {
  platform: string;
  /** The simulated machine has no PowerShell, so no remoting either. */
  simulate: string | null;
  scriptsDir: string;
}

/** The real remote service: Node's TCP connect, a PowerShell process of its own per session. */
export function createRemoteService(env: RemoteEnvironment): RemoteService {
  return new RemoteService({
    platform: env.platform,
    wrapperPath: join(env.scriptsDir, REMOTE_WRAPPER),
    reachability: { connect: connectOnce },
    startSession:
      env.platform === 'win32' && !env.simulate
        ? (extraEnv) => new PowerShellSession({ executable: windowsPowerShellPath(), timeoutMs: REMOTE_MIN_TIMEOUT_MS, env: extraEnv })
        : null,
    texts: preloadScriptTexts(env.scriptsDir),
    sessionUser: sessionUser(),
  });
}

/** The Windows account this app runs as, DOMAIN\\user (USERDOMAIN is set by Windows at logon). */
function sessionUser(): string | null {
  try {
    const name = userInfo().username;
    return process.env.USERDOMAIN ? `${process.env.USERDOMAIN}\\${name}` : name;
  } catch {
    return null;
  }
}
