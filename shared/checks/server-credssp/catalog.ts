import { z } from 'zod';
import { NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const CredSspVersionFactsSchema = z.object({
  /** File version of %SystemRoot%\System32\tspkg.dll, "10.0.14393.2125". */
  tspkgVersion: z.string().nullable(),
  osVersion: z.string(),
});

/** The server without the 2018 CredSSP update, which updated clients refuse; reported, no fix (the update is Windows Update's job). */
export const serverCredSsp = defineCheckCatalog({
  check: {
    id: 'server-credssp',
    tier: 'server',
    title: 'Sign-in security update (CredSSP)',
    plain:
      'Checks whether the server has the 2018 security updates for Remote Desktop sign-in; updated computers refuse servers without them.',
    technical:
      'File version of %SystemRoot%\\System32\\tspkg.dll (the CredSSP package) against the May 2018 updates (CVE-2018-0886), and the OS version.',
    source: { kind: 'script', side: 'server', script: 'check-credssp-version' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-credssp-version': { file: 'check-credssp-version.ps1', args: NoArgs, facts: CredSspVersionFactsSchema },
  },
  readable: {
    'check-credssp-version': [
      '(Get-Item -LiteralPath "$env:SystemRoot\\System32\\tspkg.dll").VersionInfo',
      '(Get-CimInstance -ClassName Win32_OperatingSystem).Version',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-credssp': typeof serverCredSsp;
  }
}
