import { expect } from 'vitest';
import { WindowsError } from '../../electron/main/ports';

/** Awaits a promise that must reject with a WindowsError, and returns that error. */
export async function failure(p: Promise<unknown>): Promise<WindowsError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WindowsError);
  return err as WindowsError;
}
