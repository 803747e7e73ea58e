import type { CheckId } from '../../shared/catalog/checks';
import type { ClientRdpAppFacts } from '../../shared/checks/client-rdp-app/catalog';
import type { ClientTlsFacts } from '../../shared/checks/client-tls/catalog';
import type { NlaFacts, TlsVersionProbe } from '../../shared/probe-facts';
import type { CheckResult } from '../../shared/results';
import { evaluate } from '../../shared/diagnosis/evaluate';
import { address, report } from '../probe/fixtures';

/** Check results for the rule tests: facts through the real evaluator, as a scan makes them. */
export const result = (checkId: CheckId, facts: unknown): CheckResult => ({ checkId, ...evaluate(checkId, facts), facts, durationMs: 1 });

type ClientVersion = ClientTlsFacts['protocols'][number]['version'];
/** SCHANNEL client keys: only the versions given have a key. */
export const clientTls = (keys: Partial<Record<ClientVersion, { enabled: number | null; disabledByDefault: number | null }>> = {}) =>
  result('client-tls', {
    protocols: (['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'] as const).map((version) => ({
      version,
      keyExists: keys[version] !== undefined,
      enabled: keys[version]?.enabled ?? null,
      disabledByDefault: keys[version]?.disabledByDefault ?? null,
    })),
  });

export const clientApp = (build: number, ubr: number | null = 1000, over: Partial<ClientRdpAppFacts> = {}) =>
  result('client-rdp-app', {
    os: { build, ubr, productName: build < 10000 ? 'Windows 7 Professional' : 'Windows 10 Pro', displayVersion: null },
    mstsc: { path: 'C:\\Windows\\System32\\mstsc.exe', exists: true, version: null },
    windowsApp: { installed: false, version: null },
    ...over,
  });

type Sweep = Partial<Record<TlsVersionProbe['version'], TlsVersionProbe['accepted']>>;
/** A server whose TLS sweep answered as given (versions not given: refused). */
export const handshake = (sweep: Sweep, nla?: NlaFacts) =>
  result(
    'rdp-handshake',
    report({
      addresses: [
        address({
          tlsVersions: (['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'] as const).map((version) => {
            const accepted = sweep[version] ?? 'no';
            return {
              version,
              accepted,
              outcome: accepted === 'yes' ? 'ok' : accepted === 'no' ? 'alert' : 'unsupported-locally',
              cipher: null,
              error: null,
              ms: 2,
            };
          }),
          ...(nla ? { nla, accepted: { RDP: 'no', SSL: 'no', HYBRID: 'yes', RDSTLS: 'no', HYBRID_EX: 'no' } } : {}),
        }),
      ],
    }),
  );

/** The server's CredSSP stage: its TSRequest version and the OS build its NTLM challenge gave. */
export const nla = (credsspVersion: number | null, build: number | null): NlaFacts => ({
  outcome: 'challenge',
  credsspVersion,
  errorCode: null,
  challenge: {
    targetName: 'OFFICE-PC',
    netbiosComputer: 'OFFICE-PC',
    netbiosDomain: 'OFFICE-PC',
    dnsComputer: 'office-pc',
    dnsDomain: 'office-pc',
    dnsTree: null,
    serverTime: null,
    clockSkewMs: null,
    osVersion: build === null ? null : { major: build < 9200 ? 6 : 10, minor: build < 9200 ? 1 : 0, build, ntlmRevision: 15 },
    targetType: 'server',
    negotiateFlags: 0,
  },
  error: null,
  ms: 3,
});
