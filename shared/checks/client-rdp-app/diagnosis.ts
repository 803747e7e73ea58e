import { defineCheckDiagnosis } from '../define-diagnosis';
import type { Evaluation } from '../../diagnosis/types';
import { type ClientRdpAppFacts, ClientRdpAppFactsSchema } from './catalog';

/**
 * "Windows 11 24H2 (build 26100.2033)". ProductName says "Windows 10" on Windows 11 too (the
 * value was never changed), so a client build of 22000 or later is named Windows 11.
 */
export function windowsName(os: ClientRdpAppFacts['os']): string {
  const product = os.productName ?? 'Windows';
  const name = !/server/i.test(product) && os.build >= 22000 ? product.replace(/Windows 10/, 'Windows 11') : product;
  return `${name}${os.displayVersion ? ` ${os.displayVersion}` : ''} (build ${os.build}${os.ubr !== null ? `.${os.ubr}` : ''})`;
}

export function evaluateRdpApp(raw: unknown): Evaluation {
  const f = ClientRdpAppFactsSchema.parse(raw);
  const windows = windowsName(f.os);
  const app = f.windowsApp.version ? `Windows App ${f.windowsApp.version}` : 'Windows App';
  if (!f.mstsc.exists && f.windowsApp.installed) {
    return { status: 'warn', summary: `Remote Desktop Connection is not installed on this computer (${windows}); ${app} is.` };
  }
  if (!f.mstsc.exists) {
    return {
      status: 'fail',
      summary: `Remote Desktop Connection is not installed on this computer (${windows}), and neither is Windows App.`,
    };
  }
  const version = f.mstsc.version ? ` ${f.mstsc.version}` : '';
  return {
    status: 'pass',
    summary: `Remote Desktop Connection${version} is installed on ${windows}${f.windowsApp.installed ? `; ${app} too` : ''}.`,
  };
}

export const clientRdpAppDiagnosis = defineCheckDiagnosis({
  id: 'client-rdp-app',
  evaluate: evaluateRdpApp,
  rules: [],
  informs: 'the client-trap, mismatch and regression rules (diagnosis/client-trap-rules.ts, mismatch-rules.ts, regression-rules.ts)',
});
