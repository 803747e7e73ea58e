import { ClientRdpAppFactsSchema, PinnedCertificateFactsSchema, type ClientRdpAppFacts } from '../../catalog/client/scripts';
import type { Evaluation } from '../types';

/*
 * The Remote Desktop app on this computer, its Windows build, and the certificate the client
 * remembered for the target. The certificate is only judged against what the handshake saw
 * (client-trap-rules.ts); alone it is a fact, not a problem.
 */

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

export function evaluatePinnedCertificate(raw: unknown): Evaluation {
  const f = PinnedCertificateFactsSchema.parse(raw);
  const pinned = f.servers.filter((s) => s.certHash);
  if (pinned.length === 0) {
    return {
      status: 'pass',
      summary: `Remote Desktop has not remembered a certificate for ${f.host}: it asks when a certificate cannot be verified.`,
    };
  }
  return {
    status: 'pass',
    summary: `Remote Desktop remembers the certificate you accepted for ${pinned.map((s) => s.name).join(' and ')} (thumbprint ${pinned.map((s) => s.certHash).join(', ')}).`,
  };
}
