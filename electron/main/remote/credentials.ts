import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/** The environment variable that hands the credentials to the remote PowerShell process. */
export const CREDENTIAL_ENV = 'RDP_DOCTOR_REMOTE_CREDENTIAL';

const HIDDEN = '<hidden>';

/**
 * The user name and password helpdesk typed for the remote computer. Kept in main-process memory
 * for the session only, masked with a random pad and wiped on disconnect. (Masking is not
 * encryption: it keeps this object from holding a readable copy. The string that arrived over IPC
 * lives until garbage collection, and while connected the remote PowerShell process's environment
 * holds the encoded copy.) It cannot be serialized or printed by accident:
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
