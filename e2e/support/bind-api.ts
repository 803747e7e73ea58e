import type { Page } from '@playwright/test';
import { API_GLOBAL, channels, ipcChannel } from '../../shared/ipc-channels';
import type { EventName, Events } from '../../shared/ipc-contract';
import type { HandlerTable } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/ipc/dispatch';

/**
 * Gives the page the same window.rdpDoctor the preload exposes, bound through Playwright's
 * exposeBinding to the real handler table and the real dispatch (sender and schema checks).
 */
export async function bindApi(page: Page, table: HandlerTable, trustedUrl: string): Promise<void> {
  await page.exposeBinding('__rdpDoctorInvoke', async (source, channel: unknown, payload: unknown) =>
    dispatch(table, channel, payload, { url: source.frame.url() }, trustedUrl, {
      emit<E extends EventName>(name: E, body: Events[E]) {
        void source.page
          .evaluate(([n, b]) => (window as unknown as { __rdpDoctorEmit(n: string, b: unknown): void }).__rdpDoctorEmit(n, b), [
            ipcChannel(name),
            body,
          ] as const)
          .catch(() => undefined);
      },
    }),
  );
  await page.addInitScript(
    ({ global, names, progressChannel }) => {
      const w = window as unknown as Record<string, unknown> & {
        __rdpDoctorInvoke(channel: string, payload: unknown): Promise<unknown>;
      };
      const listeners = new Set<(payload: unknown) => void>();
      const api: Record<string, unknown> = {};
      for (const name of names) api[name] = (payload: unknown) => w.__rdpDoctorInvoke(name, payload);
      api.onScanProgress = (listener: (payload: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      };
      w[global] = Object.freeze(api);
      w.__rdpDoctorEmit = (channel: string, payload: unknown) => {
        if (channel === progressChannel) for (const l of listeners) l(payload);
      };
    },
    { global: API_GLOBAL, names: [...channels], progressChannel: ipcChannel('scanProgress') },
  );
}
