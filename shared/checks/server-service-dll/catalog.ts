import { z } from 'zod';
import { NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

export const ServiceDllFactsSchema = z.object({
  /** TermService\Parameters ServiceDll as stored (not expanded). */
  serviceDll: z.string().nullable(),
  /** The same with environment variables expanded. */
  expandedPath: z.string().nullable(),
  /** %SystemRoot%\System32\termsrv.dll, expanded on that machine. */
  expectedPath: z.string(),
  fileExists: z.boolean(),
  fileDescription: z.string().nullable(),
  /** RDP Wrapper's files (rdpwrap.dll / rdpwrap.ini) found under Program Files. */
  rdpWrapperFiles: z.array(z.string()),
});

/** Remote Desktop running a replacement of Windows' own program (RDP Wrapper); reported, never changed. */
export const serverServiceDll = defineCheckCatalog({
  check: {
    id: 'server-service-dll',
    tier: 'server',
    title: "Remote Desktop's program files",
    plain: "Checks that Remote Desktop runs Windows' own program, not a replacement such as RDP Wrapper (reported only, never changed).",
    technical:
      'ServiceDll under HKLM\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters against %SystemRoot%\\System32\\termsrv.dll.',
    source: { kind: 'script', side: 'server', script: 'check-termservice-dll' },
    needsAdmin: false,
    fixes: [],
  },
  fixes: [],
  scripts: {
    'check-termservice-dll': { file: 'check-termservice-dll.ps1', args: NoArgs, facts: ServiceDllFactsSchema },
  },
  readable: {
    'check-termservice-dll': ["Get-Item -LiteralPath 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters'"],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-service-dll': typeof serverServiceDll;
  }
}
