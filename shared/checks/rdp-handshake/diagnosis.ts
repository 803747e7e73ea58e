import { ProbeReportSchema, windowsRelease, type ProbeReport } from '../../probe-facts';
import { probeVerdict } from '../../diagnosis/probe-verdict';
import { describeTls } from '../../diagnosis/wire/describe';
import type { Evaluation } from '../../diagnosis/types';
import { defineCheckDiagnosis } from '../define-diagnosis';

/**
 * Who answered, as its NTLM challenge says (the NLA stage, no credentials): its own name, domain
 * or workgroup, and Windows version. The name the user typed may be an alias or an address; this
 * is what the server calls itself.
 */
function serverIdentity(report: ProbeReport): string | null {
  const c = report.addresses.map((a) => a.nla?.challenge).find((challenge) => challenge);
  if (!c) return null;
  const name = c.dnsComputer ?? c.netbiosComputer ?? c.targetName;
  if (!name) return null;
  const release = c.osVersion
    ? (windowsRelease(c.osVersion) ?? `Windows ${c.osVersion.major}.${c.osVersion.minor} build ${c.osVersion.build}`)
    : null;
  // A challenge may flag a domain member without naming the domain (a non-Windows server).
  const domain = c.dnsDomain ?? c.netbiosDomain;
  const member =
    c.targetType === 'domain' || (c.netbiosDomain && c.netbiosComputer && c.netbiosDomain !== c.netbiosComputer)
      ? domain
        ? `a member of the domain ${domain}`
        : 'a member of a domain'
      : c.targetType === 'server'
        ? 'in a workgroup'
        : null;
  return `The server calls itself ${name}${release ? ` (${release})` : ''}${member ? `, ${member}` : ''}.`;
}

/** The probe's own verdict, worded for the check list. */
function evaluateHandshake(raw: unknown): Evaluation {
  const report = ProbeReportSchema.parse(raw);
  const verdict = probeVerdict(report);
  const tls = report.addresses.find((a) => a.tls)?.tls;
  switch (verdict.severity) {
    case 'ok': {
      const who = serverIdentity(report);
      const base = tls ? `${verdict.headline}: ${describeTls(tls)}.` : `${verdict.headline}.`;
      return { status: 'pass', summary: who ? `${base} ${who}` : base };
    }
    case 'warning':
      return { status: 'warn', summary: `${verdict.headline}.` };
    case 'unreachable':
    case 'unresolved':
      return { status: 'skipped', summary: 'Skipped: the port did not open, so there was no handshake to try.' };
    case 'incomplete':
      return { status: 'error', summary: `The handshake test did not finish (${report.interrupted ?? 'no answer'}).` };
    default:
      return { status: 'fail', summary: `${verdict.headline}.` };
  }
}

export const rdpHandshakeDiagnosis = defineCheckDiagnosis({
  id: 'rdp-handshake',
  evaluate: evaluateHandshake,
  rules: [],
  informs: "the wire rules (diagnosis/wire/rules.ts), which read the probe's stages together",
});
