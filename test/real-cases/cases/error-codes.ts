import type { RealCase } from '../real-case';
import { FULL_CONTROL, certificateExpired, rdpKeyFileAcl, release, runs, updates, type WindowsRelease } from './windows';

/*
 * Issue 24: the user arrives with whatever Remote Desktop showed (a code other than 0x904, a
 * dialog without a code), and Windows updates Microsoft's release health lists as breaking
 * Remote Desktop (shared/diagnosis/known-regressions.ts).
 */
const INTERNAL_ERROR = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/internal-error-has-occurred-connecting-remote-machine',
  title: '"An internal error has occurred" when connecting to a remote machine',
  date: '2024-03-01',
};
const AZURE_CREDSSP = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation',
  title: 'Error when you try to RDP to a Windows VM in Azure: CredSSP encryption oracle remediation',
  date: '2023-08-25',
};

/** Windows 10, version 1903 at its May 29, 2019 update (KB4497935, OS Build 18362.145). */
const windows10v1903: WindowsRelease = {
  osVersion: '10.0.18362.0',
  productName: 'Windows 10 Pro',
  build: 18362,
  ubr: 145,
  displayVersion: null,
};

export const errorCodeCases: RealCase[] = [
  {
    id: 'internal-error-rdp-key-without-network-service',
    source: INTERNAL_ERROR,
    situation:
      'A direct RDP connection fails with "An internal error has occurred". The article traces it to the renewal of the ' +
      'self-signed certificate: the RDP machine key (f686aace6942fb7f7ceb231212eef4a4_*) must give NETWORK SERVICE Read and ' +
      'SYSTEM Full control; restoring that and restarting Remote Desktop Services renews the certificate.',
    server: (s) => {
      certificateExpired(s, '2026-11-14');
      rdpKeyFileAcl(s, 'S-1-5-32-544', [
        ['S-1-5-32-544', FULL_CONTROL],
        ['S-1-5-18', FULL_CONTROL],
      ]);
    },
    reportedError: 'internal-error',
    expected: { firstFinding: 'rdp-key-unreadable', fix: 'repair-rdp-key-permissions' },
  },
  {
    id: 'credssp-dialog-pasted-server-2016-unpatched',
    source: AZURE_CREDSSP,
    situation:
      'The user pastes the dialog: "An authentication error has occurred. The function requested is not supported ... This could ' +
      'be due to CredSSP encryption oracle remediation." The Windows Server 2016 VM lacks the CredSSP update (tspkg.dll older ' +
      'than 10.0.14393.2248, the fixed version the article names); installing it on the VM is the resolution.',
    server: (s) => {
      runs(s, release.server2016, '10.0.14393.2068');
      // The article names no update list: none that the fix would bring.
      updates(s);
    },
    networkType: 'azure',
    reportedError: 'credssp-encryption-oracle',
    expected: { firstFinding: 'credssp-outdated' },
  },
  {
    id: 'networkmanager-845-total-logon-time-limit',
    source: {
      url: 'https://github.com/BornToBeRoot/NETworkManager/issues/845',
      title: 'Remote Desktop ("Disconnect reason 4 not found in resources!")',
      date: '2021-06-08',
    },
    situation:
      'A Remote Desktop session from NETworkManager ends with reason 4; the extended reason reads "The remote session ended because ' +
      'the total login time limit was reached. This limit is set by the server administrator or by network policies." The ' +
      'maintainer: something to configure on the server or network (a session time limit), not in the client.',
    reportedError: '0x4',
    expected: { cannotCheck: 'a session time limit set on the server (ExtendedDisconnectReasonCode 4)' },
  },
  {
    id: 'release-health-server-2016-restart-on-session-sign-out',
    source: {
      url: 'https://docs.microsoft.com/windows/release-information/resolved-issues-windows-10-1607',
      title:
        'Resolved issues in Windows 10, version 1607 and Windows Server 2016: "Issue hosting multiple terminal server sessions and a user logs off on Windows Server"',
      date: '2019-03-12',
    },
    situation:
      'After KB4487006 (OS Build 14393.2828, February 19, 2019), a Windows Server 2016 hosting several Remote Desktop sessions ' +
      'stops and restarts when a user signs out (faulting driver win32kbase.sys), dropping every session. Resolved in KB4489882 ' +
      '(March 12, 2019).',
    server: (s) => {
      // tspkg.dll: not in the entry; at least the 2018 CredSSP fix (10.0.14393.2248) by February 2019.
      runs(s, { ...release.server2016, ubr: 2828 }, '10.0.14393.2248');
      updates(s, ['KB4487006', '2019-02-19']);
    },
    networkType: 'domain',
    expected: { firstFinding: 'known-regression-2019-02-rds-logoff-restart-2016' },
  },
  {
    id: 'release-health-1903-black-screen-older-gpu-driver',
    source: {
      url: 'https://docs.microsoft.com/windows/release-information/resolved-issues-windows-10-1903',
      title: 'Resolved issues in Windows 10, version 1903: "Initiating a Remote Desktop connection may result in black screen"',
      date: '2019-08-30',
    },
    situation:
      'Connecting with Remote Desktop to a Windows 10, version 1903 PC with an older display driver (for example the Intel 4 series ' +
      'chipset iGPU) shows a black screen, from any version of Windows. Originating update KB4497935 (OS Build 18362.145); ' +
      'resolved in KB4512941 (OS Build 18362.329).',
    server: (s) => {
      // tspkg.dll: not in the entry; 1903 shipped with the 2018 CredSSP fix.
      runs(s, windows10v1903, '10.0.18362.145');
      updates(s, ['KB4497935', '2019-05-29']);
    },
    expected: { firstFinding: 'known-regression-2019-05-rdp-black-screen-1903' },
  },
];
