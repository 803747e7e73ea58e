import { describe, expect, it } from 'vitest';
import { NOT_WINDOWS, placeLine } from './server-place';

const names = { server: 'office-pc', thisComputer: 'LAPTOP-JÜRGEN' };
const at = { scanned: '2026-12-07T21:15:00.000Z', time: () => '9:15 PM' };
const ran = (checkId: string, status: string) => ({ checkId, status });

describe('where the server checks ran', () => {
  it('over remoting, as whom and when; all of them ran: nothing more', () => {
    const results = [ran('server-firewall', 'pass'), ran('server-listener', 'fail'), ran('client-tls', 'error')];
    expect(placeLine({ kind: 'remoting', computer: 'office-pc' }, names, at, 'CONTOSO\\helpdesk', results)).toBe(
      'Server checks ran on office-pc, via PowerShell remoting as CONTOSO\\helpdesk, 9:15 PM.',
    );
  });

  it('says how many of them could not run there, so "ran" never reads as "found nothing" (client checks not counted)', () => {
    const results = [
      ran('server-firewall', 'pass'),
      ...Array.from({ length: 13 }, (_, i) => ran(`server-x${i}`, i % 2 ? 'error' : 'unavailable')),
      ran('client-tls', 'error'),
    ];
    expect(placeLine({ kind: 'remoting', computer: 'office-pc' }, names, at, undefined, results)).toBe(
      'Server checks ran on office-pc, via PowerShell remoting, 9:15 PM. 13 of the 14 could not run there: see "Could not check" below.',
    );
    expect(placeLine({ kind: 'this-computer', because: 'loopback' }, names, at, undefined, results)).toBe(
      'Server checks ran on this computer, LAPTOP-JÜRGEN (it is the server), 9:15 PM. 13 of the 14 could not run there: see "Could not check" below.',
    );
  });

  it('none ran because this computer is not Windows: the cause, not a count', () => {
    const summary = `${NOT_WINDOWS} The network checks above still apply.`;
    const results: Array<{ checkId: string; status: string; summary?: string }> = [
      ran('tcp-port', 'pass'),
      ...['server-firewall', 'server-listener'].map((id) => ({ ...ran(id, 'unavailable'), summary })),
    ];
    expect(placeLine({ kind: 'this-computer', because: 'loopback' }, names, at, undefined, results)).toBe(
      'Server checks could not run: this computer is not running Windows.',
    );
    // Another reason for one of them: the count stays, the cause is not guessed.
    results[2] = { ...ran('server-listener', 'unavailable'), summary: "The server's event logs could not be read." };
    expect(placeLine({ kind: 'this-computer', because: 'loopback' }, names, at, undefined, results)).toBe(
      'Server checks ran on this computer, LAPTOP-JÜRGEN (it is the server), 9:15 PM. 2 of the 2 could not run there: see "Could not check" below.',
    );
  });

  it('a server report or no server checks: where they come from, without counting what ran', () => {
    const results = [ran('server-firewall', 'error')];
    expect(placeLine({ kind: 'report', computer: 'office-pc', takenAt: '2026-12-07T20:00:00.000Z' }, names, at, undefined, results)).toBe(
      "Server checks come from office-pc's own report, made 9:15 PM: anything changed there since is not in it.",
    );
    expect(placeLine({ kind: 'not-checked' }, names, at, undefined, results)).toBe(
      'Server checks not run: RDP Doctor is not running on office-pc, nor connected to it.',
    );
  });
});
