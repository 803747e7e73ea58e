import { z } from 'zod';
import { fixes, type FixId } from './catalog/fixes';
import { TargetSchema } from './target';

/**
 * Helpdesk targeting the remote computer directly: PowerShell remoting with the credentials they
 * give, or a fix script the admin runs there. Requests carry the password in; no response ever
 * carries it (or the user name) back.
 */

/** The fixes that change the remote computer: the ones a fix script for it may carry. */
export const serverFixIds: FixId[] = fixes.filter((f) => f.side === 'server').map((f) => f.id);

const RemoteHostSchema = TargetSchema.shape.host;

const RemoteUserNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the user name for the server (DOMAIN\\user, or SERVER\\user for a local account).')
  .max(256, 'That user name is too long (at most 256 characters).')
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'The user name cannot contain control characters.');

/** Never logged, stored or echoed: only ever handed to PowerShell through its environment. */
const RemotePasswordSchema = z
  .string()
  .min(1, 'Enter the password: PowerShell remoting does not accept accounts without one.')
  .max(256, 'That password is too long (at most 256 characters).');

export const ConnectRemoteRequestSchema = z
  .object({ host: RemoteHostSchema, username: RemoteUserNameSchema, password: RemotePasswordSchema })
  .strict();

type RemoteTransport = 'http' | 'https';

export interface RemoteStatus {
  connected: boolean;
  /** The computer name helpdesk connected to, as typed. */
  host: string | null;
  /** Its own name ($env:COMPUTERNAME), as it answered. */
  computerName: string | null;
  transport: RemoteTransport | null;
  /** Whether the account is an administrator there: fixes need it. */
  isAdmin: boolean | null;
  message: string;
}

export interface RemoteConnectOutcome {
  connected: boolean;
  /** Plain English: connected, or why not and what to do. */
  message: string;
  /** A short code for the problem (e.g. not-enabled, trusted-hosts), or null. */
  problem: string | null;
  /** The command that fixes the problem, and where to run it. */
  fix: { where: 'server' | 'this computer'; command: string } | null;
  status: RemoteStatus;
}

export interface FixScriptFile {
  fileName: string;
  /** The .ps1 text (UTF-8 with a byte order mark, CRLF line ends). */
  content: string;
}
