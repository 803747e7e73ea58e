/**
 * The page's window.rdpDoctor in the demo: the same shape the preload exposes (one method per
 * channel, each answering an envelope, and onScanProgress), over fetch to the demo server and
 * one EventSource for the events. Serialized with toString() into /demo/bridge.js, as
 * e2e/support/bind-api.ts hands its init script to Playwright: it must not close over anything.
 */
export function installBridge(config: { global: string; names: string[]; progressChannel: string; tokenHeader: string }): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const token = new URL(script?.src ?? location.href).searchParams.get('token') ?? '';
  const listeners = new Set<(payload: unknown) => void>();
  const api: Record<string, unknown> = {};
  for (const name of config.names) {
    api[name] = async (payload: unknown) => {
      try {
        const res = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [config.tokenHeader]: token },
          body: JSON.stringify(payload ?? null),
        });
        return await res.json();
      } catch {
        return { ok: false, error: { kind: 'internal', message: 'The demo server stopped: start `npm run demo` again.' } };
      }
    };
  }
  api.onScanProgress = (listener: (payload: unknown) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const events = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  events.onmessage = (e: MessageEvent<string>) => {
    const { channel, body } = JSON.parse(e.data) as { channel: string; body: unknown };
    if (channel === config.progressChannel) for (const l of listeners) l(body);
  };
  (window as unknown as Record<string, unknown>)[config.global] = Object.freeze(api);
}
