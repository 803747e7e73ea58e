import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { scripts } from '../../../shared/catalog/scripts';
import { parseTargetInput } from '../../../shared/target';
import { formatReportedError } from '../../../shared/reported-error-text';
import { REPORT_EXTENSIONS, type SavedFile } from '../../../shared/saved-file';
import type { Ports } from '../ports';
import { WindowsError } from '../windows-error';
import { remoteOf } from '../remote/handlers';
import type { HandlerTable } from '../handler-table';

type DesktopHandlers = Pick<
  HandlerTable,
  'launchRemoteDesktop' | 'showLog' | 'recentTargets' | 'lastDisconnect' | 'saveReport' | 'saveFixScript' | 'showSavedFile'
>;

const noDesktop = () => new WindowsError('unavailable', 'This needs the RDP Doctor desktop app.');

export function desktopHandlers(ports: Ports): DesktopHandlers {
  // The files saved this session: "Open folder" names one by id, never by a path from the renderer.
  const saved = new Map<string, string>();
  const save = async (fileName: string, text: string): Promise<SavedFile> => {
    if (!ports.desktop) throw noDesktop();
    const path = await ports.desktop.saveFile(fileName, text);
    const id = randomUUID();
    saved.set(id, path);
    ports.log?.info(`saved ${fileName}`);
    return { id, path, fileName: basename(path) };
  };
  return {
    async saveReport({ format, baseName, text }) {
      return save(`${baseName}${REPORT_EXTENSIONS[format]}`, text);
    },

    async saveFixScript({ fixIds, target, revertAfterMinutes }) {
      const file = remoteOf(ports).makeFixScript(fixIds, target, revertAfterMinutes ?? null);
      return save(file.fileName, file.content);
    },

    async showSavedFile({ id }) {
      const path = saved.get(id);
      if (!path) throw new WindowsError('not-found', 'That file was not saved in this session.');
      if (!ports.desktop) throw noDesktop();
      ports.desktop.reveal(path);
      return { shown: true };
    },

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

    // Asked for by the user: a failure is said (WindowsError), not hidden.
    async lastDisconnect() {
      const raw = await ports.windows.run('read-client-last-disconnect', {}, { elevated: false, side: 'client', timeoutMs: 15_000 });
      const { logEnabled, last } = scripts['read-client-last-disconnect'].facts.parse(raw);
      if (!last || last.reason === null) return { logEnabled, last: null };
      const error = formatReportedError({ reason: last.reason, extended: null, message: null });
      ports.log?.info('read the last Remote Desktop attempt');
      return { logEnabled, last: { error, server: last.server, time: last.time } };
    },
  };
}
