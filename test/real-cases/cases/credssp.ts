import type { RealCase } from '../real-case';
import { release, runs, updates } from './windows';

/*
 * CVE-2018-0886: the March 2018 CredSSP updates, and the May 2018 updates that made "Mitigated"
 * the default on clients, so an updated client refuses a server without the fix. tspkg.dll
 * versions with the fix, from the Azure article below: 6.1.7601.24117 (2008 R2 / 7),
 * 6.3.9600.18999 (2012 R2), 10.0.14393.2248 (2016), 10.0.16299.431 (Windows 10 1709).
 */
const AZURE_CREDSSP = {
  url: 'https://learn.microsoft.com/en-us/troubleshoot/azure/virtual-machines/windows/credssp-encryption-oracle-remediation',
  title: 'Error when you try to RDP to a Windows VM in Azure: CredSSP encryption oracle remediation',
  date: '2023-08-25',
};

/** CredSSP: updated clients against servers without the 2018 fix, and the policy that blocks them. */
export const credsspCases: RealCase[] = [
  {
    id: 'azure-credssp-server-2012r2-unpatched',
    source: AZURE_CREDSSP,
    situation:
      'An updated client cannot RDP to a Windows Server 2012 R2 VM: "An authentication error has occurred. The function requested ' +
      'is not supported ... This could be due to CredSSP encryption oracle remediation." The VM lacks the CredSSP update ' +
      '(KB4103725 / KB4103715, tspkg.dll older than 6.3.9600.18999); installing it on the VM is the resolution.',
    server: (s) => {
      runs(s, release.server2012r2, '6.3.9600.18895');
      updates(s, ['KB4056895', '2018-01-08']);
    },
    networkType: 'azure',
    expected: { firstFinding: 'credssp-outdated' },
  },
  {
    id: 'serverfault-911590-windows10-workstation-unpatched',
    source: {
      url: 'https://serverfault.com/questions/911590/this-could-be-due-to-credssp-encryption-oracle-remediation-rdp-to-windows-10-p',
      title: '"This could be due to CredSSP encryption oracle remediation" - RDP to Windows 10 Pro',
      date: '2018-05',
    },
    situation:
      'After the May 2018 security updates, RDP from updated PCs to a Windows 10 Pro workstation fails after the credentials with ' +
      'the CredSSP encryption oracle error; workstations that had not applied the May patch were not affected. The workstation ' +
      'missed the CredSSP update; answers: update it, or (temporarily) AllowEncryptionOracle = 2 on the client.',
    server: (s) => {
      // The Windows 10 release is not in the report: the then-current 1709. "Missed the CredSSP
      // update" means before March 13, 2018: the CVE-2018-0886 fix shipped for 1709 in KB4088776
      // (16299.309); May only changed the clients' default to Mitigated (learn.microsoft.com,
      // "CredSSP updates for CVE-2018-0886"). An earlier version of this case put the server at
      // April's 16299.371, which has the fix and could not have been refused.
      runs(s, release.windows10v1709, '10.0.16299.248');
      updates(s, ['KB4074588', '2018-02-13']);
    },
    networkType: 'domain',
    expected: { firstFinding: 'credssp-outdated' },
  },
  {
    id: 'techrepublic-credssp-windows7-targets',
    source: {
      url: 'https://www.techrepublic.com/article/how-to-prevent-problems-with-remote-desktop-authentication-after-recent-updates-to-windows-servers/',
      title: 'How to prevent problems with Remote Desktop authentication after recent updates to Windows servers',
      date: '2018-05',
    },
    situation:
      'RDP from servers that had just received the May 2018 updates to Windows 7 virtual machines stopped working ("The user name ' +
      'or password is incorrect"), while the one server without the May updates still connected. The Windows 7 targets lacked ' +
      'the CredSSP fix (tspkg.dll before 6.1.7601.24117); patching them (or the policy, temporarily) resolved it.',
    server: (s) => {
      runs(s, release.windows7, '6.1.7601.23889');
      updates(s, ['KB4088875', '2018-03-13']);
    },
    networkType: 'domain',
    expected: { firstFinding: 'credssp-outdated' },
  },
];
