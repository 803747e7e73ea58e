import { describe, expect, it } from 'vitest';
import { scripts } from '../../shared/catalog/scripts';
import { result } from '../support/diagnosis-fixtures';
import { healthyServer, type MachineState } from '../powershell/machines';
import { runOnMachines } from '../powershell/pwsh';

/*
 * check-rdp-listener.ps1 under pwsh on FakeWindows servers: who listens on the RDP port comes from
 * Get-NetTCPConnection, whose "no match" is an error (ObjectNotFound) and whose broken WMI provider
 * is another error. Only the first means nobody listens.
 */
const noListeners = (): MachineState => ({ ...healthyServer(), tcpListeners: [] });
const brokenWmi = (): MachineState => ({ ...healthyServer(), faults: [{ command: 'Get-NetTCPConnection', after: 0 }] });

describe('check-rdp-listener.ps1 under pwsh', () => {
  it('names who listens; nobody listening is a fact; a port list Windows could not give is "could not check", not "nobody listens"', async () => {
    const [healthy, silent, broken] = await runOnMachines(
      [healthyServer(), noListeners(), brokenWmi()].map((state) => ({
        state,
        script: 'check-rdp-listener.ps1',
        args: { port: 3389 },
        elevated: true,
      })),
    );
    const facts = scripts['check-rdp-listener'].facts;
    expect(facts.parse(healthy?.facts).listeners.map((l) => [l.localPort, l.services])).toEqual([
      [3389, ['TermService', 'UmRdpService']],
      [3389, ['TermService', 'UmRdpService']],
    ]);
    expect(result('server-listener', facts.parse(silent?.facts)).status).toBe('fail');
    expect(broken?.ok).toBe(false);
    expect(broken?.error?.message).toBe('Could not list the listening TCP ports (Get-NetTCPConnection): Provider load failure');
  });
});
