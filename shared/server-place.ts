/**
 * Where the server's checks ran for one scan: exactly one place, decided before any of them runs.
 * The server is another computer unless the target is this computer itself; its checks never run
 * here "by default" (that once diagnosed the user's own laptop as the server).
 */
export type ServerPlace =
  /** The target is this computer: by its address, its name, or because the user said so. */
  | { kind: 'this-computer'; because: 'loopback' | 'own-address' | 'own-name' | 'user-said' }
  /** Helpdesk's PowerShell remoting session to the target is open. */
  | { kind: 'remoting'; computer: string }
  /** The server's admin ran the generated script with -Report and the user opened its file. */
  | { kind: 'report'; computer: string; takenAt: string }
  /** None of the above: the server's checks did not run at all. */
  | { kind: 'not-checked' };

/** A short line about where the server's checks ran. */
export function placeLine(place: ServerPlace, server: string, thisComputer: string): string {
  switch (place.kind) {
    case 'this-computer':
      return place.because === 'user-said'
        ? `You said this computer (${thisComputer}) is ${server}: its server settings were checked here.`
        : `${server} is this computer (${thisComputer}): its server settings were checked here.`;
    case 'remoting':
      return `${server}'s settings were checked on ${place.computer} over PowerShell remoting.`;
    case 'report':
      return `${server}'s settings come from the report ${place.computer} made at ${place.takenAt}.`;
    case 'not-checked':
      return `${server}'s settings were not checked: RDP Doctor is not running there.`;
  }
}

/** A host name or address, compared the way Windows compares computer names: case-insensitively. */
export const hostKey = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');
