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

/**
 * Why the Windows checks could not run when RDP Doctor runs on another system: said in the check
 * results, and recognised by the line below so it names the cause instead of a count.
 */
export const NOT_WINDOWS = 'These checks run Windows PowerShell, and this computer is not running Windows.';

/**
 * One line on where the server's checks ran, for the findings page and the report: the server by
 * the one name used everywhere (as the user typed it; this computer's own name when it is the
 * server), how they got there, and when. `user`: the account of the remoting session, on screen
 * only (the report never carries it). `time` writes the scan's time as the reader does.
 */
export function placeLine(
  place: ServerPlace,
  names: { server: string; thisComputer: string },
  at: { scanned: string; time: (iso: string) => string },
  user?: string,
  results: ReadonlyArray<{ checkId: string; status: string; summary?: string }> = [],
): string {
  const { server, thisComputer } = names;
  // "Ran there" must not read as "found nothing there" when most of them could not run.
  const serverResults = results.filter((r) => r.checkId.startsWith('server-'));
  // None ran because this computer is not Windows: that is the whole story, not "14 of the 14".
  const notWindows =
    serverResults.length > 0 && serverResults.every((r) => r.status === 'unavailable' && r.summary?.startsWith(NOT_WINDOWS));
  if (place.kind === 'this-computer' && notWindows) return 'Server checks could not run: this computer is not running Windows.';
  const unrun = serverResults.filter((r) => r.status === 'error' || r.status === 'unavailable').length;
  const unrunNote = unrun > 0 ? ` ${unrun} of the ${serverResults.length} could not run there: see "Could not check" below.` : '';
  switch (place.kind) {
    case 'this-computer':
      return place.because === 'user-said'
        ? `Server checks ran on this computer, ${thisComputer} (you said it is the server), ${at.time(at.scanned)}.${unrunNote}`
        : `Server checks ran on this computer, ${thisComputer} (it is the server), ${at.time(at.scanned)}.${unrunNote}`;
    case 'remoting':
      return `Server checks ran on ${server}, via PowerShell remoting${user ? ` as ${user}` : ''}, ${at.time(at.scanned)}.${unrunNote}`;
    case 'report':
      return `Server checks come from ${server}'s own report, made ${at.time(place.takenAt)}: anything changed there since is not in it.`;
    case 'not-checked':
      return `Server checks not run: RDP Doctor is not running on ${server}, nor connected to it.`;
  }
}

/** A host name or address, compared the way Windows compares computer names: case-insensitively. */
export const hostKey = (host: string) => host.trim().toLowerCase().replace(/\.$/, '');
