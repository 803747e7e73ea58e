import type { HandlerTable } from '../handler-table';
import type { Ports, RemotePort } from '../ports';
import { WindowsError } from '../windows-error';

export function remoteOf(ports: Ports): RemotePort {
  if (!ports.remote) throw new WindowsError('unavailable', 'Working on the remote computer is not available in this mode of RDP Doctor.');
  return ports.remote;
}

type RemoteChannels = 'connectRemote' | 'disconnectRemote' | 'remoteStatus' | 'makeFixScript';

/** The remote-computer part of the handler table. No answer carries the password or user name. */
export function remoteHandlers(ports: Ports): Pick<HandlerTable, RemoteChannels> {
  return {
    async connectRemote(request) {
      return remoteOf(ports).connect(request);
    },
    async disconnectRemote() {
      return remoteOf(ports).disconnect();
    },
    async remoteStatus() {
      return remoteOf(ports).status();
    },
    async makeFixScript({ fixIds, target, revertAfterMinutes }) {
      return remoteOf(ports).makeFixScript(fixIds, target, revertAfterMinutes ?? null);
    },
  };
}
