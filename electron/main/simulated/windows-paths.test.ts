import { describe, expect, it } from 'vitest';
import { simulatedWindowsPaths } from './windows-paths';

// The simulation's folders, shown as the Windows paths they stand for (Ports.shownPath).
const shown = simulatedWindowsPaths('/tmp/rdpd-sim-backups-Ab12Cd', '/tmp');

describe("the simulation's paths, as Windows shows them", () => {
  it("a computer's folder is its C: drive, with backslashes, spaces kept", () => {
    expect(shown('/tmp/rdp-doctor-simulated-QY5wZg/C/ProgramData/Microsoft/Crypto/RSA/MachineKeys/f686_1')).toBe(
      'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686_1',
    );
    expect(shown('/tmp/rdp-doctor-simulated-x/C/Users/Jürgen/AppData/Local/Microsoft/Terminal Server Client/Cache')).toBe(
      'C:\\Users\\Jürgen\\AppData\\Local\\Microsoft\\Terminal Server Client\\Cache',
    );
    expect(shown('/tmp/rdp-doctor-simulated-x/C')).toBe('C:\\');
  });

  it("the backup folder is the administrator helper's, under C:\\ProgramData", () => {
    expect(shown('/tmp/rdpd-sim-backups-Ab12Cd/0b0e1a52-5d6a-4c1f-9a57-2f9c2f8f1f0e/MSLicensing.reg')).toBe(
      'C:\\ProgramData\\RDP Doctor\\backups\\0b0e1a52-5d6a-4c1f-9a57-2f9c2f8f1f0e\\MSLicensing.reg',
    );
  });

  it('inside a command or a sentence: the path up to its quote or line break; nothing else changes', () => {
    expect(shown("icacls.exe '/tmp/rdp-doctor-simulated-x/C/ProgramData/k 1' /save 'a/b' /L\nnext/line")).toBe(
      "icacls.exe 'C:\\ProgramData\\k 1' /save 'a/b' /L\nnext/line",
    );
    // Another folder that only starts alike is no simulated path.
    for (const other of ['/tmp/rdpd-sim-backups-Ab12CdX/1', '/var/tmp/rdp-doctor-simulated-x/C/a', 'TERMSRV/office-pc', '/tmp/other/C/x']) {
      expect(shown(other)).toBe(other);
    }
  });
});
