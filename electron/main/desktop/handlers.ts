import { scripts } from '../../../shared/catalog/scripts';
import { parseTargetInput } from '../../../shared/target';
import { WindowsError, type Ports } from '../ports';
import type { HandlerTable } from '../handlers';

type DesktopHandlers = Pick<HandlerTable, 'launchRemoteDesktop' | 'showLog' | 'recentTargets'>;

const noDesktop = () => new WindowsError('unavailable', 'This needs the RDP Doctor desktop app.');

export function desktopHandlers(ports: Ports): DesktopHandlers {
  return {
    async launchRemoteDesktop({ target }) {
      if (!ports.desktop) throw noDesktop();
      await ports.desktop.launchRemoteDesktop(target);
      ports.log?.info(`launched mstsc for a target on port ${target.port}`);
      return { started: true };
    },

    async showLog() {
      if (!ports.desktop) throw noDesktop();
      return { path: await ports.desktop.showLog() };
    },

    // A convenience: without Windows or with an unreadable list, simply no suggestions.
    async recentTargets() {
      try {
        const raw = await ports.windows.run('read-client-mru', {}, { elevated: false, side: 'client', timeoutMs: 10_000 });
        const { entries } = scripts['read-client-mru'].facts.parse(raw);
        return { targets: [...new Set(entries.map((e) => e.trim()))].filter((e) => parseTargetInput(e).ok) };
      } catch {
        return { targets: [] };
      }
    },
  };
}
