import { z } from 'zod';
import { Dword, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

/*
 * What the server accepts at the sign-in step, as a hardening baseline leaves it. From Microsoft's
 * documentation:
 * - HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0 RestrictReceivingNTLMTraffic, "Network
 *   security: Restrict NTLM: Incoming NTLM traffic": 0 Allow all (and "Not defined"), 1 Deny all
 *   domain accounts ("but the server will allow local account sign in"), 2 Deny all accounts
 *   (Policy CSP LocalPoliciesSecurityOptions, NetworkSecurity_RestrictNTLM_IncomingNTLMTraffic;
 *   network-security-restrict-ntlm-incoming-ntlm-traffic).
 * - ...\Control\Lsa LmCompatibilityLevel: at 5 "Domain controllers refuse to accept LM and NTLM
 *   authentication, and they will accept only NTLMv2" (network-security-lan-manager-
 *   authentication-level); absent = 3.
 * - ...\Control\Lsa DisableRestrictedAdmin: 0 turns on Restricted Admin and Remote Credential Guard
 *   on the remote host ("Remote Credential Guard": "set the value of this registry setting to 0");
 *   absent or 1: not allowed. Or the policy "Remote host allows delegation of non-exportable
 *   credentials", HKLM\Software\Policies\Microsoft\Windows\CredentialsDelegation AllowProtectedCreds
 *   = 1: "the host supports Restricted Admin or Remote Credential Guard mode" (Policy CSP
 *   CredentialsDelegation).
 * - HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\CredSSP\Parameters
 *   AllowEncryptionOracle on the server: 0 Force Updated Clients refuses clients without the 2018
 *   CredSSP update (learn.microsoft.com, CredSSP encryption oracle remediation).
 * - Win32_ComputerSystem PartOfDomain / Domain: Kerberos needs a domain.
 */
export const ServerAuthenticationFactsSchema = z.object({
  restrictReceivingNtlm: Dword,
  lmCompatibilityLevel: Dword,
  disableRestrictedAdmin: Dword,
  allowProtectedCreds: Dword,
  allowEncryptionOracle: Dword,
  partOfDomain: z.boolean(),
  domain: z.string().nullable(),
  /** Win32_OperatingSystem.BuildNumber: Remote Credential Guard needs 14393 (Server 2016 / 1607) or later. */
  osBuild: z.number().int().nullable(),
});
export type ServerAuthenticationFacts = z.infer<typeof ServerAuthenticationFactsSchema>;

/** RestrictReceivingNTLMTraffic by value (Policy CSP NetworkSecurity_RestrictNTLM_IncomingNTLMTraffic). */
export const INCOMING_NAMES: Record<number, string> = { 0: 'Allow all', 1: 'Deny all domain accounts', 2: 'Deny all accounts' };

/** What the server accepts when someone signs in; read only where the server's checks run. No fix: each change would be the server admin's security decision. */
export const serverAuthentication = defineCheckCatalog({
  check: {
    id: 'server-authentication',
    tier: 'server',
    title: 'Sign-in restrictions on the server',
    plain:
      'Reads the security settings that decide which sign-ins the server accepts: whether it refuses the older sign-in method, whether it allows protected sign-ins that keep your password off the server, and whether it is in a domain.',
    technical:
      'RestrictReceivingNTLMTraffic under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0; LmCompatibilityLevel and DisableRestrictedAdmin under ...\\Control\\Lsa; AllowProtectedCreds under HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation; AllowEncryptionOracle under ...\\Policies\\System\\CredSSP\\Parameters; Win32_ComputerSystem PartOfDomain.',
    source: { kind: 'script', side: 'server', script: 'check-server-authentication' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-server-authentication': { file: 'check-server-authentication.ps1', args: NoArgs, facts: ServerAuthenticationFactsSchema },
  },
  readable: {
    'check-server-authentication': [
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0' -Name RestrictReceivingNTLMTraffic",
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa' -Name LmCompatibilityLevel",
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa' -Name DisableRestrictedAdmin",
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation' -Name AllowProtectedCreds",
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters' -Name AllowEncryptionOracle",
      '(Get-CimInstance -ClassName Win32_ComputerSystem).PartOfDomain',
      '(Get-CimInstance -ClassName Win32_ComputerSystem).Domain',
      '(Get-CimInstance -ClassName Win32_OperatingSystem).BuildNumber',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-authentication': typeof serverAuthentication;
  }
}
