import { ask } from '../api';
import type { SliceCreator } from './slice';
import type { DesktopSlice } from './state';

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
