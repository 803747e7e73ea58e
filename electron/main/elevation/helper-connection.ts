import { createServer, type Server, type Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { WindowsError } from '../ports';
import { encodeLine, JsonLineReader, type HelperMessage, type HelperResult } from './protocol';

interface Pending {
  script: string;
  resolve(facts: unknown): void;
  reject(err: WindowsError): void;
  timer: NodeJS.Timeout;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * One connected elevated helper. Requests are answered by id; the helper dying, going silent
 * past a timeout, or saying something outside the protocol ends the connection and fails every
 * request still waiting, with a message that says which script was running.
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
    private readonly token: string,
    private readonly onProgress: (message: string) => void = () => undefined,
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    // Nobody may be waiting on ready when a stranger's connection is dropped.
    this.ready.catch(() => undefined);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('close', () => this.die('The administrator helper stopped'));
    socket.on('error', () => this.die('The administrator helper stopped'));
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
    if (!this.greeted) {
      if (message.type === 'hello' && sameToken(message.token, this.token)) {
        this.greeted = true;
        this.settleReady.resolve();
      } else {
        this.kill('A process that is not RDP Doctor\'s helper connected', 'bad-json');
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
    else if (result.error.kind === 'refused') waiting.reject(new WindowsError('bad-request', `The administrator helper refused ${waiting.script}: ${result.error.message}`));
    else waiting.reject(new WindowsError('script-error', result.error.message));
  }

  request(script: string, encodedArgs: string, timeoutMs: number): Promise<unknown> {
    if (!this.alive) return Promise.reject(new WindowsError('crashed', `${this.deadReason}.`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // A script stuck as administrator cannot be killed from here; closing the pipe makes the
        // helper exit once the script returns, and the next run starts a fresh helper.
        this.kill(`The administrator helper did not answer within ${Math.round(timeoutMs / 1000)} s while running ${script}`, 'timeout');
      }, timeoutMs);
      this.pending.set(id, { script, resolve, reject, timer });
      this.socket.write(encodeLine({ type: 'run', id, script, encodedArgs }));
    });
  }

  private kill(reason: string, kind: 'crashed' | 'timeout' | 'bad-json') {
    this.die(reason, kind);
    this.socket.destroy();
  }

  private die(reason: string, kind: 'crashed' | 'timeout' | 'bad-json' = 'crashed') {
    if (!this.alive) return;
    this.deadReason = reason;
    this.settleReady.reject(new WindowsError(kind, `${reason}.`));
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      const during = kind === 'timeout' ? '' : ` while running ${waiting.script}`;
      waiting.reject(new WindowsError(kind, `${reason}${during}.`));
    }
  }

  /** Tells the helper to exit and closes the pipe. */
  close(): void {
    if (this.alive) this.socket.end(encodeLine({ type: 'exit' }));
    this.die('The administrator helper was closed');
  }
}

/**
 * Listens on the pipe before the helper is started (it may connect before Start-Process even
 * returns), then takes the first connection that presents the token the helper was started with.
 * Any other connection is dropped, and once the helper is in, the pipe stops listening.
 */
export class HelperListener {
  private readonly first: Promise<HelperConnection>;

  private constructor(
    private readonly server: Server,
    token: string,
    onProgress?: (message: string) => void,
  ) {
    this.first = new Promise((resolve) => {
      server.on('connection', (socket) => {
        const connection = new HelperConnection(socket, token, onProgress);
        connection.ready.then(
          () => {
            this.close();
            resolve(connection);
          },
          () => socket.destroy(),
        );
      });
    });
  }

  static async open(path: string, token: string, onProgress?: (message: string) => void): Promise<HelperListener> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new HelperListener(server, token, onProgress);
  }

  /** The helper's connection, once it has proved itself; gives up after timeoutMs from now. */
  accept(timeoutMs: number): Promise<HelperConnection> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.close();
        reject(new WindowsError('unavailable', `The administrator helper did not connect within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
    });
    return Promise.race([this.first, timeout]).finally(() => clearTimeout(timer));
  }

  close(): void {
    if (this.server.listening) this.server.close();
  }
}
