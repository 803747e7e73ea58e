import type { RealCase } from '../real-case';
import { CREDSSP_KEY, MSV1_0_KEY } from '../../../shared/simulated/client-state';
import { release, runs } from './windows';

/*
 * Hardened sign-in (issue 24, part 2): a security baseline restricts NTLM, and Remote Desktop
 * fails at the sign-in step (CredSSP) with a generic error. Each case is written from the
 * report's facts; the registry value is the one the named policy writes (secpol.msc: "Restrict
 * NTLM: Outgoing NTLM traffic to remote servers" Deny all = RestrictSendingNTLMTraffic 2 under
 * HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0; shared/checks/client-authentication/catalog.ts).
 */

/** "Network security: Restrict NTLM: Outgoing NTLM traffic to remote servers" set to Deny all. */
const denyOutgoingNtlm = (registry: Record<string, Record<string, number>>) => ({
  ...registry,
  [MSV1_0_KEY]: { RestrictSendingNTLMTraffic: 2 },
});

export const hardenedAuthCases: RealCase[] = [
  {
    id: 'iap-desktop-ntlm-blocked-on-hardened-client',
    source: {
      url: 'https://github.com/GoogleCloudPlatform/iap-desktop/issues/1724',
      title: 'Add to FAQ troubleshooting guide',
      date: '2026-07-01',
    },
    situation:
      'IAP Desktop could not connect to GCP Windows VMs with a local VM account ("generic CredSSP errors"). The client devices are ' +
      'hardened so that NTLM is blocked, and without a domain controller Windows cannot use Kerberos. Adding the names the client ' +
      'connects by to ClientAllowedNTLMServers ("Restrict NTLM: Add remote server exceptions") fixed it. The report connected ' +
      'through the IAP tunnel on 127.0.0.1 (Server 2016) and localhost (Server 2025); here the VM is reached by its name, because ' +
      "RDP Doctor takes a loopback target for this computer itself (see the report's notes).",
    client: (s) => {
      s.client.registry = denyOutgoingNtlm(s.client.registry);
    },
    server: (s) => {
      // A GCP Windows VM signed in with a local account: not in a domain (as Windows ships).
      runs(s, release.server2016, '10.0.14393.2248');
    },
    expected: { firstFinding: 'ntlm-outgoing-blocked', fix: 'allow-ntlm-to-server' },
  },
  {
    id: 'windows-2022-cis-level1-outgoing-rdp-by-address',
    source: {
      url: 'https://github.com/ansible-lockdown/Windows-2022-CIS/issues/65',
      title: 'CredSSP Error on outgoing RDP (Post Level-1 Member Server Hardening)',
      date: '2025-04-08',
    },
    situation:
      'After the Windows-2022-CIS Level 1 member-server role, a fully patched Windows Server 2022 could no longer RDP out, by IP ' +
      'address, to other patched Server 2022 systems ("An authentication error has occurred. The function requested is not ' +
      'supported ... CredSSP encryption oracle remediation"); Encryption Oracle Remediation set to Vulnerable did not help, Level 2 ' +
      'did not cause it, incoming RDP kept working. That Level 1 task sets Restrict NTLM: Outgoing NTLM traffic to Deny all ' +
      "(RestrictSendingNTLMTraffic = 2: the same repository's issues #73 and #81).",
    client: (s) => {
      // The hardened member server is the computer RDP Doctor runs on: Server 2022, in a domain
      // (its name is not in the report), with the CredSSP workaround the user tried left in place.
      s.client.windowsVersion = { build: 20348, ubr: 3453, productName: 'Windows Server 2022 Datacenter', displayVersion: '21H2' };
      s.client.domain = 'corp.example';
      s.client.registry = { ...denyOutgoingNtlm(s.client.registry), [CREDSSP_KEY]: { AllowEncryptionOracle: 2 } };
    },
    // The target: another patched Windows Server 2022, as Windows ships (the healthy server).
    typed: 'address',
    networkType: 'domain',
    expected: { firstFinding: 'ntlm-outgoing-blocked' },
  },
  {
    id: 'freerdp-shadow-kerberos-forced-ntlm-denied',
    source: {
      url: 'https://github.com/FreeRDP/FreeRDP/issues/11189',
      title: 'Kerberos not working with mstsc on at least Windows 11 23H2 and 24H2',
      date: '2025-02-14',
    },
    situation:
      'mstsc on Windows 11 24H2 against a FreeRDP shadow server that accepts only NLA (-sec-tls -sec-rdp, NTLM from a SAM file, a ' +
      'Kerberos keytab). To force Kerberos the user set "Restrict NTLM: Outgoing NTLM traffic to remote servers" to Deny all; mstsc ' +
      'then failed with "Authentication failed because NTLM authentication has been disabled" (0x0, extended 0x0), by name and by ' +
      'address. Without the policy it connected (over NTLM). Closed as stale: Kerberos never worked there.',
    client: (s) => {
      s.client.registry = denyOutgoingNtlm(s.client.registry);
    },
    serverIsNot: { kind: 'freerdp-shadow' },
    expected: { firstFinding: 'ntlm-outgoing-blocked' },
  },
];
