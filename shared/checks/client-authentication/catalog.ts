import { z } from 'zod';
import { BackupDirArgs, ChangedSchema, Dword, TargetArgs, UndoFactsSchema, withBackup } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

/*
 * How this computer signs in to a Remote Desktop server, as a hardening baseline (CIS, Microsoft's
 * security baselines) leaves it. Values and meanings, from Microsoft's documentation (the Learn
 * pages on the Restrict NTLM settings name no registry path: the MSV1_0 path is the one
 * Microsoft's own AzFileDiagnostics reads, Azure-Samples/azure-files-samples#99):
 * - HKLM\SYSTEM\CurrentControlSet\Control\Lsa\MSV1_0 RestrictSendingNTLMTraffic, "Network security:
 *   Restrict NTLM: Outgoing NTLM traffic to remote servers": Allow all (0, and "Not defined"), Audit
 *   all (1), Deny all (2) (learn.microsoft.com .../security-policy-settings/network-security-restrict-
 *   ntlm-outgoing-ntlm-traffic-to-remote-servers for the meanings; the numbers as secpol.msc writes
 *   them, ansible-lockdown/Windows-2022-CIS#81 and #73. The Policy CSP page's table for this setting
 *   repeats the incoming setting's "Deny all domain accounts / Deny all accounts" and is wrong.)
 * - ...\MSV1_0 ClientAllowedNTLMServers (REG_MULTI_SZ), "Restrict NTLM: Add remote server
 *   exceptions for NTLM authentication": "the fully qualified domain name (FQDN) or NetBIOS server
 *   name used by the application, listed one per line ... A single asterisk (*) can be used
 *   anywhere in the string as a wildcard character" (Policy CSP LocalPoliciesSecurityOptions).
 * - HKLM\System\CurrentControlSet\Control\Lsa\LmCompatibilityLevel, "Network security: LAN Manager
 *   authentication level": 0..5, absent = "Send NTLMv2 response only" (3) on Windows Vista / Server
 *   2008 and later (network-security-lan-manager-authentication-level; Policy CSP default 3).
 * - HKLM\Software\Policies\Microsoft\Windows\CredentialsDelegation RestrictedRemoteAdministration
 *   (1 = the policy "Restrict delegation of credentials to remote servers" is on) and
 *   RestrictedRemoteAdministrationType: 1 Require Restricted Admin, 2 Require Remote Credential
 *   Guard, 3 Restrict credential delegation (either) (CredSsp.admx; "Remote Credential Guard",
 *   learn.microsoft.com/windows/security/identity-protection/remote-credential-guard).
 */
export const ClientAuthenticationFactsSchema = z.object({
  /** The target the check was run for (echoed from the arguments): the name the exception list must hold. */
  host: z.string(),
  restrictSendingNtlm: Dword,
  /** ClientAllowedNTLMServers; null when the value is absent. */
  ntlmServerExceptions: z.array(z.string()).nullable(),
  lmCompatibilityLevel: Dword,
  restrictedRemoteAdministration: Dword,
  restrictedRemoteAdministrationType: Dword,
});
export type ClientAuthenticationFacts = z.infer<typeof ClientAuthenticationFactsSchema>;

/**
 * A name or address that may go on the exception list as it is: letters, digits, dots, hyphens,
 * colons and brackets (IPv6). Never a '*': the list treats it as a wildcard, and one entry would
 * let this computer send its sign-in to every server.
 */
export const NtlmExceptionName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'a computer name or address (no wildcards)');

const NtlmExceptionBackupArgs = z
  .object({ backupDir: BackupDirArgs.shape.backupDir, host: TargetArgs.shape.host, port: TargetArgs.shape.port })
  .strict();

export const NtlmExceptionBackupSchema = z.object({
  /** The name the fix adds: the target as the user typed it (the name Remote Desktop uses). */
  host: NtlmExceptionName,
  keyExisted: z.boolean(),
  /** The list before the fix; null when the value was absent. */
  previous: z.array(z.string()).nullable(),
  /** The outermost key that was missing (the fix creates it and those below); the undo removes them again while empty. */
  missingFrom: z.string().nullable(),
});

const MSV1_0 = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0';

/** This computer's sign-in restrictions, and the fix that lets it use NTLM with this one server. */
export const clientAuthentication = defineCheckCatalog({
  check: {
    id: 'client-authentication',
    tier: 'client',
    title: 'Sign-in restrictions on this computer',
    plain:
      'Reads the security settings that decide how this computer signs in to other computers: whether it may still use the older sign-in method, which servers are exceptions, and whether it insists on protected sign-ins that the server must allow.',
    technical:
      'RestrictSendingNTLMTraffic and ClientAllowedNTLMServers under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0, LmCompatibilityLevel under ...\\Control\\Lsa, RestrictedRemoteAdministration(Type) under HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation.',
    source: { kind: 'script', side: 'client', script: 'check-client-authentication', withTarget: true },
    needsAdmin: false,
    fixes: ['allow-ntlm-to-server'],
  },
  fixes: [
    {
      id: 'allow-ntlm-to-server',
      title: 'Let this computer use the older sign-in method with this one server',
      plain:
        "Adds the server, exactly as you typed it, to the list of exceptions to this computer's ban on the older sign-in method. Every other server stays banned. This weakens security for this one server: the safer way is connecting by the server's name from a computer in the same domain, so Windows can use its domain sign-in instead. Undo takes the server off the list again.",
      changes: [
        'Saves the current exception list to the backup folder.',
        "Adds the server's name or address to the exception list (your company's policy may put the list back at its next refresh).",
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        'Saved the current exception list to the backup folder.',
        "Added the server's name or address to the exception list (your company's policy may put the list back at its next refresh).",
      ],
      side: 'client',
      needsAdmin: true,
      risk: ['changes-security'],
      weakened: 'this computer may sign in to this one server with the older, weaker method',
      backupScript: 'backup-client-ntlm-exceptions',
      script: 'fix-client-ntlm-exceptions',
      undoScript: 'undo-client-ntlm-exceptions',
      undoPlain: 'Puts the exception list back exactly as it was, or removes it if there was none.',
      verifies: ['client-authentication'],
    },
  ],
  scripts: {
    'check-client-authentication': { file: 'check-client-authentication.ps1', args: TargetArgs, facts: ClientAuthenticationFactsSchema },
    'backup-client-ntlm-exceptions': {
      file: 'backup-client-ntlm-exceptions.ps1',
      args: NtlmExceptionBackupArgs,
      facts: NtlmExceptionBackupSchema,
    },
    'fix-client-ntlm-exceptions': {
      file: 'fix-client-ntlm-exceptions.ps1',
      args: withBackup(NtlmExceptionBackupSchema),
      facts: ChangedSchema,
    },
    'undo-client-ntlm-exceptions': {
      file: 'undo-client-ntlm-exceptions.ps1',
      args: withBackup(NtlmExceptionBackupSchema),
      facts: UndoFactsSchema,
    },
  },
  readable: {
    'check-client-authentication': [
      `Get-ItemProperty -LiteralPath 'Registry::${MSV1_0}' -Name RestrictSendingNTLMTraffic`,
      `Get-ItemProperty -LiteralPath 'Registry::${MSV1_0}' -Name ClientAllowedNTLMServers`,
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa' -Name LmCompatibilityLevel",
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation' -Name RestrictedRemoteAdministration",
      "Get-ItemProperty -LiteralPath 'Registry::HKLM\\Software\\Policies\\Microsoft\\Windows\\CredentialsDelegation' -Name RestrictedRemoteAdministrationType",
    ],
    'backup-client-ntlm-exceptions': [`Get-ItemProperty -LiteralPath 'Registry::${MSV1_0}' -Name ClientAllowedNTLMServers`],
    'fix-client-ntlm-exceptions': [
      `$list = @((Get-ItemProperty -LiteralPath 'Registry::${MSV1_0}').ClientAllowedNTLMServers) + {host}`,
      `New-ItemProperty -LiteralPath 'Registry::${MSV1_0}' -Name ClientAllowedNTLMServers -PropertyType MultiString -Value $list -Force`,
    ],
    'undo-client-ntlm-exceptions': [
      '# Back to the list it had, or removed when there was none:',
      `Remove-ItemProperty -LiteralPath 'Registry::${MSV1_0}' -Name ClientAllowedNTLMServers`,
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'client-authentication': typeof clientAuthentication;
  }
}
