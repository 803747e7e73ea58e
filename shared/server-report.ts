import { z } from 'zod';
import { checks } from './catalog/checks';
import { scripts, ScriptEnvelopeSchema, type ScriptId } from './catalog/scripts';
import { hostKey } from './server-place';

/**
 * The file the server's admin sends back: the generated server script run there with -Report
 * writes it (every server check, nothing changed). It arrives from another computer, by mail or
 * a ticket: it is read as hostile input, strictly, and a file that fails any rule changes nothing.
 */

export const SERVER_REPORT_FORMAT = 'rdp-doctor-server-report';
export const SERVER_REPORT_VERSION = 1;
/** Every server check's facts fit in far less; anything larger is not a report. */
export const SERVER_REPORT_MAX_CHARS = 1_000_000;

/** The scripts a report may carry: the server-side checks', nothing else. */
export const serverCheckScripts = checks.flatMap((c) =>
  c.source.kind === 'script' && c.source.side === 'server' ? [c.source.script] : [],
);

const NameSchema = z.string().trim().min(1).max(255);

const ServerReportSchema = z
  .object({
    format: z.literal(SERVER_REPORT_FORMAT),
    formatVersion: z.number().int(),
    computer: z
      .object({
        /** $env:COMPUTERNAME */
        name: NameSchema,
        /** Its DNS name, when it has one. */
        dnsName: NameSchema.nullable(),
        /** Its IP addresses (Get-NetIPAddress), so a target typed as an address matches too. */
        addresses: z.array(z.string().max(64)).max(64),
      })
      .strict(),
    takenAt: z.iso.datetime(),
    /** What the script was made for (the name the user typed in RDP Doctor). */
    madeFor: z.object({ host: NameSchema, port: z.number().int().min(1).max(65535) }).strict(),
    checks: z.record(z.string(), ScriptEnvelopeSchema),
  })
  .strict();
export type ServerReport = z.infer<typeof ServerReportSchema>;

export interface ServerReportSummary {
  computer: string;
  takenAt: string;
  /** How many server checks it carries. */
  checks: number;
}

export type ReportParse = { ok: true; report: ServerReport } | { ok: false; message: string };

/** Names the report's computer answers to: the target the user typed must be one of them. */
function reportNames(report: ServerReport): string[] {
  const { name, dnsName, addresses } = report.computer;
  return [name, dnsName, dnsName?.split('.')[0], report.madeFor.host, ...addresses].filter((n): n is string => !!n).map(hostKey);
}

/**
 * Reads a report's text for one target. Each rule that fails gives one plain sentence; nothing of
 * a rejected file is kept.
 */
export function parseServerReport(text: string, target: { host: string }): ReportParse {
  if (text.length > SERVER_REPORT_MAX_CHARS) return { ok: false, message: 'This file is too large to be a server report from RDP Doctor.' };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, message: 'This file is not a server report: it is not JSON (it may be damaged, or another file).' };
  }
  const head = z.object({ format: z.string(), formatVersion: z.number() }).safeParse(json);
  if (!head.success || head.data.format !== SERVER_REPORT_FORMAT) {
    return { ok: false, message: "This file is not a server report from RDP Doctor's script." };
  }
  if (head.data.formatVersion !== SERVER_REPORT_VERSION) {
    return {
      ok: false,
      message: `This report has format version ${head.data.formatVersion}; this RDP Doctor reads version ${SERVER_REPORT_VERSION}. Make a new script here and run that on the server.`,
    };
  }
  const parsed = ServerReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `This server report is damaged (${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}).` };
  }
  const report = parsed.data;
  const unknown = Object.keys(report.checks).filter((id) => !(serverCheckScripts as string[]).includes(id));
  if (unknown.length > 0)
    return { ok: false, message: `This server report has results RDP Doctor does not know (${unknown.slice(0, 3).join(', ')}).` };
  for (const [id, envelope] of Object.entries(report.checks)) {
    if (!envelope.ok) continue;
    const facts = scripts[id as ScriptId].facts.safeParse(envelope.facts);
    if (!facts.success) return { ok: false, message: `This server report is damaged: the result of ${id} is not in the expected shape.` };
  }
  if (!reportNames(report).includes(hostKey(target.host))) {
    return {
      ok: false,
      message: `This report is from ${report.computer.name}, but you are diagnosing ${target.host}. Open the report made on ${target.host}.`,
    };
  }
  return { ok: true, report };
}
