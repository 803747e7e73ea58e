import { connect, type Socket } from 'node:net';
import { WindowsError } from '../windows-error';
import { encodeLine, JsonLineReader, type HelperMessage, type HelperResult } from './protocol';

interface Pending {
  script: string;
  resolve(facts: unknown): void;
  reject(err: WindowsError): void;
  timer: NodeJS.Timeout;
}

type DeathKind = 'crashed' | 'timeout' | 'bad-json' | 'unavailable';

/**
 * The app's end of the pipe the elevated helper created. The app speaks first (the token); the
 * helper answers with its process id, which must be the one Start-Process reported, or with a
 * refusal (wrong peer, wrong token, an installation it will not run from). Requests are then
 * answered by id; the helper dying, going silent past a timeout, or saying something outside the
 * protocol ends the connection and fails every request still waiting, naming the script.
 */
export class HelperConnection {
  private readonly reader = new JsonLineReader();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private deadReason: string | null = null;
  private greeted = false;
  readonly ready: Promise<void>;
  private settleReady!: { resolve(): void; reject(err: Error): void };

  constructor(
    private readonly socket: Socket,
    token: string,
    /** The helper's process id as Start-Process reported it; null when unknown. */
    private readonly expectedPid: number | null,
    private readonly onProgress: (message: string) => void = () => undefined,
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => undefined);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('close', () => this.die('The administrator helper stopped'));
    socket.on('error', () => this.die('The administrator helper stopped'));
    socket.write(encodeLine({ type: 'hello', token }));
  }

  get alive(): boolean {
    return this.deadReason === null;
  }

  private onData(chunk: Buffer) {
    for (const event of this.reader.push(chunk)) {
      if (!this.alive) return;
      if (event.kind === 'invalid') {
        this.kill(`The administrator helper answered outside the protocol (${event.reason})`, 'bad-json');
        return;
      }
      this.onMessage(event.message);
    }
  }

  private onMessage(message: HelperMessage) {
    if (message.type === 'refused') {
      // The helper's own verdict on this session (wrong peer, token, or installation).
      this.kill(message.message.replace(/\.$/, ''), 'unavailable');
      return;
    }
    if (!this.greeted) {
      if (message.type !== 'hello') {
        this.kill('The administrator helper did not greet first', 'bad-json');
      } else if (this.expectedPid !== null && message.pid !== this.expectedPid) {
        this.kill(
          `The process that answered on the helper's pipe (process ${message.pid}) is not the helper RDP Doctor started (process ${this.expectedPid})`,
          'unavailable',
        );
      } else {
        this.greeted = true;
        this.settleReady.resolve();
      }
      return;
    }
    if (message.type === 'progress') this.onProgress(message.message);
    else if (message.type === 'result') this.settle(message);
    else this.kill('The administrator helper greeted twice', 'bad-json');
  }

  private settle(result: HelperResult) {
    const waiting = this.pending.get(result.id);
    if (!waiting) return;
    this.pending.delete(result.id);
    clearTimeout(waiting.timer);
    if (result.ok) waiting.resolve(result.facts);
    else if (result.error.kind === 'refused')
      waiting.reject(new WindowsError('bad-request', `The administrator helper refused ${waiting.script}: ${result.error.message}`));
    else waiting.reject(new WindowsError('script-error', result.error.message));
  }

  /** Runs an allow-listed script for the change whose backup id is given; encodedArgs holds no path. */
  request(script: string, backupId: string, encodedArgs: string, timeoutMs: number): Promise<unknown> {
    if (!this.alive) return Promise.reject(new WindowsError('crashed', `${this.deadReason}.`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A script stuck as administrator cannot be killed from here; closing the pipe makes the
        // helper exit once the script returns, and the next run starts a fresh helper.
        this.kill(`The administrator helper did not answer within ${Math.round(timeoutMs / 1000)} s while running ${script}`, 'timeout');
      }, timeoutMs);
      this.pending.set(id, { script, resolve, reject, timer });
      this.socket.write(encodeLine({ type: 'run', id, script, backupId, encodedArgs }));
    });
  }

  private kill(reason: string, kind: DeathKind) {
    this.die(reason, kind);
    this.socket.destroy();
  }

  private die(reason: string, kind: DeathKind = 'crashed') {
    if (!this.alive) return;
    this.deadReason = reason;
    this.settleReady.reject(new WindowsError(kind, `${reason}.`));
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      const during = kind === 'timeout' || kind === 'unavailable' ? '' : ` while running ${waiting.script}`;
      waiting.reject(new WindowsError(kind, `${reason}${during}.`));
    }
  }

  /** Tells the helper to exit and closes the pipe. */
  close(): void {
    if (this.alive) this.socket.end(encodeLine({ type: 'exit' }));
    this.die('The administrator helper was closed');
  }
}

/** Errors that mean "the helper has not created its pipe yet" (or is between instances). */
const NOT_YET = new Set(['ENOENT', 'ECONNREFUSED', 'EBUSY', 'EAGAIN']);

function tryConnect(path: string): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.destroy();
      if (NOT_YET.has(err.code ?? '')) resolve(null);
      else reject(err);
    });
  });
}

/**
 * Connects to the pipe the helper creates once it runs (it may take seconds to start), proves
 * this is the app with the token, and resolves once the helper has answered as the process
 * Start-Process reported. Gives up after timeoutMs.
 */
export async function connectToHelper(
  path: string,
  token: string,
  expectedPid: number | null,
  timeoutMs: number,
  onProgress?: (message: string) => void,
): Promise<HelperConnection> {
  const deadline = Date.now() + timeoutMs;
  const tooLate = () =>
    new WindowsError('unavailable', `The administrator helper did not connect within ${Math.round(timeoutMs / 1000)} s.`);
  for (;;) {
    const socket = await tryConnect(path).catch(() => null);
    if (socket) {
      const connection = new HelperConnection(socket, token, expectedPid, onProgress);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => {
            connection.close();
            reject(tooLate());
          },
          Math.max(0, deadline - Date.now()),
        );
      });
      await Promise.race([connection.ready, timeout]).finally(() => clearTimeout(timer));
      return connection;
    }
    if (Date.now() >= deadline) throw tooLate();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
