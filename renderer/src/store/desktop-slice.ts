import type { DescribeCommandsRequest, CommandDescription } from '../../../shared/commands';
import type { Envelope } from '../../../shared/ipc-contract';
import { ask } from '../api';
import type { SliceCreator } from './slice';

/**
 * What the app asks of main that answers one view and keeps nothing in the store: the log's
 * folder, a saved file's folder, Remote Desktop started on the scanned computer, and the commands
 * a check or fix runs. Each answers with main's envelope: the view shows the value or the error.
 */
export interface DesktopSlice {
  /** Opens the folder with RDP Doctor's log; the log file's path. */
  showLog(): Promise<Envelope<string>>;
  /** Opens the folder of a file RDP Doctor saved, named by the id main gave it (never a path). */
  showSavedFile(id: string): Promise<Envelope<{ shown: true }>>;
  /** Starts Remote Desktop on the scanned computer ("Try connecting now"). */
  launchRemoteDesktop(): Promise<Envelope<{ started: true }>>;
  /** What a check or fix runs, asked by id (the renderer never holds script text of its own). */
  describeCommands(request: DescribeCommandsRequest): Promise<Envelope<CommandDescription>>;
}

export const createDesktopSlice: SliceCreator<DesktopSlice> = (_set, get) => ({
  async showLog() {
    const answer = await ask('showLog', {});
    return answer.ok ? { ok: true, value: answer.value.path } : answer;
  },
  showSavedFile: (id) => ask('showSavedFile', { id }),
  async launchRemoteDesktop() {
    const target = get().scan?.target;
    if (!target)
      return { ok: false, error: { kind: 'bad-request', message: 'There is no computer to connect to yet: run the diagnosis first.' } };
    return ask('launchRemoteDesktop', { target });
  },
  describeCommands: (request) => ask('describeCommands', request),
});
