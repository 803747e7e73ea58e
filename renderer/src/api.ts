import type { Channel, Envelope, RdpDoctorApi, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { ErrorInfo } from '../../shared/results';

declare global {
  interface Window {
    rdpDoctor?: RdpDoctorApi;
  }
}

class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

function bridge(): RdpDoctorApi {
  if (!window.rdpDoctor) {
    throw new ApiError({ kind: 'internal', message: "RDP Doctor's window was opened without its bridge to the main process." });
  }
  return window.rdpDoctor;
}

/** Calls one channel and unwraps the envelope: errors become ApiError with a readable message. */
export async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const fn = bridge()[channel] as (r: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
  const envelope = await fn(request);
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value;
}

/**
 * Calls one channel and hands back its envelope as it is, never throwing: for actions whose
 * caller shows the error itself (a note beside a button) rather than a slice's error banner.
 */
export async function ask<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>> {
  try {
    return { ok: true, value: await call(channel, request) };
  } catch (err) {
    return { ok: false, error: errorInfo(err) };
  }
}

export const onScanProgress: RdpDoctorApi['onScanProgress'] = (listener) => bridge().onScanProgress(listener);

export function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof ApiError) return err.info;
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}
