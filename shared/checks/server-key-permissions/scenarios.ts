import type { MachineState } from '../../simulated/machine-state';
import { plant, type Scenario } from '../../simulated/scenario';
import { RDP_KEY_FILE } from '../../simulated/healthy';
import { usesCorpCertificate, CURRENT, keyAces } from '../server-certificate/scenarios';

/** NETWORK SERVICE shut out of the key file (a "hardening" script or a bad icacls on MachineKeys). */
export const lockKeyFile = (s: MachineState) => {
  s.machineKeys = [
    {
      name: RDP_KEY_FILE,
      ownerSid: 'S-1-5-32-544',
      aces: [
        { sid: 'S-1-5-32-544', type: 'Allow', rights: 0x1f01ff, inherited: false },
        { sid: 'S-1-5-18', type: 'Allow', rights: 0x1f01ff, inherited: false },
      ],
    },
  ];
};

/** The causes planted for this check (`npm start -- --simulate <name>`, the tests): electron/main/simulated/scenarios.ts lists them. */
export const scenarios: Record<string, Scenario> = {
  'key-file-permissions': {
    title: 'NETWORK SERVICE may not read the RDP key file in MachineKeys',
    expectedFinding: 'rdp-key-unreadable',
    repairedBy: ['repair-rdp-key-permissions'],
    // fsutil: the key file's id is read before any change; icacls: the grant itself.
    faults: { 'repair-rdp-key-permissions': { apply: ['fsutil.exe', 'icacls.exe'], undo: 'icacls.exe' } },
    state: plant(lockKeyFile),
  },
  'ca-certificate-key-unreadable': {
    title: "Remote Desktop uses the company CA's certificate, but may not read its key (a CNG key in Crypto\\Keys)",
    expectedFinding: 'rdp-key-unreadable',
    repairedBy: ['repair-rdp-key-permissions'],
    state: plant((s) => usesCorpCertificate(s, { ...CURRENT, keyStorage: { ...CURRENT.keyStorage!, aces: keyAces(false) } }, 3)),
  },
};
