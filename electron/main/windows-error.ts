import type { ErrorKind } from '../../shared/results';

/**
 * What the ports throw: a failure with its kind (unavailable, timeout, crashed, script-error...),
 * which the IPC layer passes on for the UI to word. Its own module, so the adapters (the
 * PowerShell session among them) need nothing from ports.ts, which only describes the ports.
 */
export class WindowsError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'WindowsError';
  }
}
