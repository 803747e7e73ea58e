import type { CheckDef } from '../types';

/** The remote computer: run there (locally, over remoting, or in the generated script). */
export const serverChecks = [
  {
    id: 'server-firewall',
    tier: 'server',
    title: 'Windows Firewall lets Remote Desktop in',
    plain: 'Checks that the "Remote Desktop" firewall rules are turned on for the network profile the server uses now.',
    source: { kind: 'script', side: 'server', script: 'check-firewall-rdp' },
    needsAdmin: false,
    fixes: ['enable-firewall-rdp'],
  },
  {
    id: 'server-certificate',
    tier: 'server',
    title: 'The Remote Desktop certificate is usable',
    plain: 'Checks the certificate Remote Desktop uses to encrypt the connection: that it exists, has not expired and has its private key.',
    source: { kind: 'script', side: 'server', script: 'check-rdp-certificate' },
    needsAdmin: false,
    fixes: ['regenerate-rdp-certificate'],
  },
] as const satisfies readonly CheckDef[];
