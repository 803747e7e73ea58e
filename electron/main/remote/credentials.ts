import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** The environment variable that hands the credentials to the remote PowerShell process. */
export const CREDENTIAL_ENV = 'RDP_DOCTOR_REMOTE_CREDENTIAL';

const HIDDEN = '<hidden>';

/** "DOMAIN\\user", "user@domain" or "user", as its account name and domain (lower case). */
function account(name: string): { user: string; domain: string | null } {
  const trimmed = name.trim().toLowerCase();
  const slash = trimmed.lastIndexOf('\\');
  if (slash !== -1) return { user: trimmed.slice(slash + 1), domain: trimmed.slice(0, slash) || null };
  const at = trimmed.indexOf('@');
  if (at !== -1) return { user: trimmed.slice(0, at), domain: trimmed.slice(at + 1).split('.')[0] || null };
  return { user: trimmed, domain: null };
}

/**
 * When helpdesk types a server account's password inside another person's Windows session (RDP
 * Doctor runs as that person), the password sits in this computer's memory, in processes of
 * that person's account, for as long as the session lasts: any program running as that account
 * may read another process's memory of the same account (Windows' process security: a user's
 * processes grant PROCESS_VM_READ to that user). No code in RDP Doctor can close that; the user
 * is told, and shown what to do instead. Null when the account typed is the session's own (or
 * the session's account is not known). The account typed is never repeated (docs/security.md).
 */
export function exposureNote(sessionUser: string | null, typedUser: string): string | null {
  if (!sessionUser) return null;
  const mine = account(sessionUser);
  const typed = account(typedUser);
  const same = mine.user === typed.user && (mine.domain === null || typed.domain === null || mine.domain === typed.domain);
  if (same) return null;
  return (
    `Note: these are not the credentials of ${sessionUser}, the Windows account RDP Doctor runs as here. While connected, the password is in ` +
    `this computer's memory under ${sessionUser}'s account, where any program ${sessionUser} runs could read it. Disconnect as soon as you ` +
    `are done. On someone else's computer, prefer "Make a fix script", or start RDP Doctor as your own account ("Run as different user").`
  );
}

/**
 * The user name and password helpdesk typed for the remote computer. Kept in main-process memory
 * for the session only, masked with a random pad and wiped on disconnect. (Masking is not
 * encryption: it keeps this object from holding a readable copy. The string that arrived over IPC
 * lives until garbage collection; the remote PowerShell process's environment holds the encoded
 * copy only until its first call, which moves it into that process's memory: invoke-remote.ps1.) It cannot be serialized or printed by accident:
 * JSON.stringify, util.inspect, console.log and template strings all show "<hidden>", user name
 * included.
 */
export class RemoteCredentials {
  readonly #userName: string;
  readonly #pad: Buffer;
  readonly #masked: Buffer;
  #wiped = false;

  constructor(userName: string, password: string) {
    this.#userName = userName;
    const plain = Buffer.from(password, 'utf8');
    this.#pad = randomBytes(plain.length);
    this.#masked = Buffer.alloc(plain.length);
    for (let i = 0; i < plain.length; i += 1) this.#masked[i] = (plain[i] ?? 0) ^ (this.#pad[i] ?? 0);
    plain.fill(0);
  }

  /**
   * The value of CREDENTIAL_ENV for the PowerShell process that runs Invoke-Command: base64 of
   * UTF-8 JSON, decoded into a PSCredential inside PowerShell. It travels in that process's
   * environment, never in command text, so PowerShell's script block logging, transcripts and
   * node-powershell's DEBUG output never see it.
   */
  environmentValue(): string {
    if (this.#wiped) throw new Error('These credentials were wiped when the session ended.');
    const plain = Buffer.alloc(this.#masked.length);
    for (let i = 0; i < plain.length; i += 1) plain[i] = (this.#masked[i] ?? 0) ^ (this.#pad[i] ?? 0);
    try {
      return Buffer.from(JSON.stringify({ userName: this.#userName, password: plain.toString('utf8') }), 'utf8').toString('base64');
    } finally {
      plain.fill(0);
    }
  }

  wipe(): void {
    this.#masked.fill(0);
    this.#pad.fill(0);
    this.#wiped = true;
  }

  toJSON() {
    return HIDDEN;
  }

  toString() {
    return HIDDEN;
  }

  [inspect.custom]() {
    return `RemoteCredentials ${HIDDEN}`;
  }
}
