import { z } from 'zod';
import { fixScripts, NoArgs } from '../../catalog/script-def';
import { defineCheckCatalog } from '../define';

const RDP_SERVICES = ['TermService', 'UmRdpService', 'SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc'] as const;
export type RdpServiceName = (typeof RDP_SERVICES)[number];
const ServiceStatusSchema = z.enum(['Running', 'Stopped', 'StartPending', 'StopPending', 'Paused', 'PausePending', 'ContinuePending']);
const StartTypeSchema = z.enum(['Automatic', 'Manual', 'Disabled', 'Boot', 'System']);
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;
export type StartType = z.infer<typeof StartTypeSchema>;

const ServiceFactsSchema = z.object({
  name: z.enum(RDP_SERVICES),
  exists: z.boolean(),
  status: ServiceStatusSchema.nullable(),
  startType: StartTypeSchema.nullable(),
  /** The account it runs as (Win32_Service.StartName); TermService: NT AUTHORITY\NetworkService. */
  account: z.string().nullable(),
});
export const RdpServicesFactsSchema = z.object({ services: z.array(ServiceFactsSchema) });

const ServicesBackupSchema = z.object({
  services: z.array(z.object({ name: z.enum(RDP_SERVICES), status: ServiceStatusSchema, startType: StartTypeSchema })),
});

const startServices = fixScripts('start-rdp-services', ServicesBackupSchema, 'backup-rdp-services');

/** The services' display names, as services.msc shows them. */
export const SERVICE_NAMES: Record<RdpServiceName, string> = {
  TermService: 'Remote Desktop Services',
  UmRdpService: 'Remote Desktop Services UserMode Port Redirector',
  SessionEnv: 'Remote Desktop Configuration',
  CertPropSvc: 'Certificate Propagation',
  KeyIso: 'CNG Key Isolation',
  CryptSvc: 'Cryptographic Services',
};
/** Must be running for a connection to get through; the others start on demand. */
export const SERVICES_MUST_RUN: readonly RdpServiceName[] = ['TermService', 'CryptSvc'];

/** Remote Desktop's services (and those it needs for its certificate) stopped or disabled, and the fix that starts them. */
export const serverServices = defineCheckCatalog({
  check: {
    id: 'server-services',
    tier: 'server',
    title: 'Remote Desktop services',
    plain: 'Checks that Remote Desktop and the services it needs to make and read its certificate are running or allowed to start.',
    technical: 'Get-Service and Win32_Service StartMode of TermService, UmRdpService, SessionEnv, CertPropSvc, KeyIso and CryptSvc.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-services' },
    needsAdmin: false,
    fixes: ['start-rdp-services'],
  },
  fixes: [
    {
      id: 'start-rdp-services',
      title: 'Start the Remote Desktop services',
      plain:
        'Sets any disabled Remote Desktop or certificate service back to the start type Windows ships it with, and starts Remote Desktop Services and Cryptographic Services.',
      changes: [
        "Remote Desktop's services that were turned off are set to start when needed again; the cryptography service starts with Windows again.",
        'Starts the Remote Desktop and cryptography services if they are stopped.',
      ],
      /** The same, said once it has happened (the result's plain words). */
      done: [
        "Set Remote Desktop's services that were turned off to start when needed again, and the cryptography service to start with Windows again.",
        'Started the Remote Desktop and cryptography services that were stopped.',
      ],
      side: 'server',
      needsAdmin: true,
      risk: ['low'],
      backupScript: 'backup-rdp-services',
      script: 'fix-start-rdp-services',
      undoScript: 'undo-start-rdp-services',
      undoPlain:
        "Puts each service back as it was and stops the ones that were stopped before (people connected are disconnected if Remote Desktop's service stops).",
      verifies: ['server-services'],
    },
  ],
  scripts: {
    'check-rdp-services': { file: 'check-rdp-services.ps1', args: NoArgs, facts: RdpServicesFactsSchema },
    'backup-rdp-services': startServices.backup,
    'fix-start-rdp-services': startServices.apply,
    'undo-start-rdp-services': startServices.undo,
  },
  readable: {
    'check-rdp-services': [
      "Get-Service -Name 'TermService', 'UmRdpService', 'SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc'",
      'Get-CimInstance -ClassName Win32_Service -Filter "Name=\'TermService\'"',
    ],
    'backup-rdp-services': ["Get-Service -Name 'TermService', 'UmRdpService', 'SessionEnv', 'CertPropSvc', 'KeyIso', 'CryptSvc'"],
    'fix-start-rdp-services': [
      '# Each one that is Disabled, back to how Windows ships it (TermService, CryptSvc Automatic; the others Manual):',
      'Set-Service -Name <service> -StartupType <Manual or Automatic>',
      'Start-Service -Name TermService',
      'Start-Service -Name CryptSvc',
    ],
    'undo-start-rdp-services': [
      'Stop-Service -Name <service that was stopped> -Force',
      'Set-Service -Name <service> -StartupType <previous start type>',
    ],
  },
});

declare module '../../catalog/types' {
  /** This folder's ids are ids of the catalog (types.ts). */
  interface CheckCatalogs {
    'server-services': typeof serverServices;
  }
}
