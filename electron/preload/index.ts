import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, channels, ipcChannel } from '../../shared/ipc-channels';
import type { RdpDoctorApi } from '../../shared/ipc-contract';
import type { ScanProgress } from '../../shared/results';

// One named method per channel (Electron's context-isolation guide): the page never gets
// ipcRenderer itself, so it can reach no channel but these.
const api = Object.fromEntries(
  channels.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(ipcChannel(channel), request)]),
) as Omit<RdpDoctorApi, 'onScanProgress'>;

const exposed: RdpDoctorApi = {
  ...api,
  onScanProgress(listener) {
    const wrapped = (_event: IpcRendererEvent, payload: ScanProgress) => listener(payload);
    ipcRenderer.on(ipcChannel('scanProgress'), wrapped);
    return () => ipcRenderer.removeListener(ipcChannel('scanProgress'), wrapped);
  },
};

contextBridge.exposeInMainWorld(API_GLOBAL, exposed);
