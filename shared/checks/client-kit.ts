import type { CheckResult } from '../results';
import type { DiagnosisContext, NetworkType } from '../network-type';

/*
 * Causes on this computer. Most are "possible": they can explain 0x904/0x7, but far less often
 * than a broken server certificate (98) or a blocked port, so they score between 5 and 55 and
 * the network type the user chose moves them up or down and changes their wording.
 */

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const warned = (r: CheckResult | undefined): r is CheckResult => r?.status === 'warn' || r?.status === 'fail';

/** One sentence per network type, appended where it changes what the user should do. */
export const byNetwork = (ctx: DiagnosisContext, text: Partial<Record<NetworkType, string>>) =>
  text[ctx.networkType] ? ` ${text[ctx.networkType]}` : '';

export const GROUP_POLICY_NOTE: Partial<Record<NetworkType, string>> = {
  domain:
    'On a company PC this setting usually comes from a company policy: ask IT, because a change here is put back at the next policy refresh.',
  vpn: 'If your company manages this PC, a company policy may set this: ask IT before changing it.',
};
