import { checks, type CheckDef } from '../../shared/catalog/checks';
import { SERVER_REPORT_FORMAT, SERVER_REPORT_VERSION } from '../../shared/server-report';
import type { Target } from '../../shared/target';
import type { WindowsPort } from '../../electron/main/ports';

/**
 * The report file the check script's -Report mode writes on a server, made here from a simulated
 * server machine: every server check's answer as the script prints it (an ok/facts envelope, or
 * the error it caught), with the computer's names and the time it was taken.
 */
export async function serverReportOf(
  machine: WindowsPort,
  computer: { name: string; dnsName: string | null; addresses: string[] },
  madeFor: Target,
  takenAt = new Date(),
): Promise<string> {
  const results: Record<string, unknown> = {};
  for (const c of checks as readonly CheckDef[]) {
    if (c.source.kind !== 'script' || c.source.side !== 'server') continue;
    const args = c.source.withTarget ? { host: madeFor.host, port: madeFor.port } : {};
    try {
      const facts = await machine.run(c.source.script, args as never, { elevated: false, side: 'server', where: 'here' });
      results[c.source.script] = { ok: true, facts };
    } catch (err) {
      results[c.source.script] = { ok: false, error: { message: err instanceof Error ? err.message : String(err) } };
    }
  }
  return JSON.stringify({
    format: SERVER_REPORT_FORMAT,
    formatVersion: SERVER_REPORT_VERSION,
    computer,
    takenAt: takenAt.toISOString(),
    madeFor,
    checks: results,
  });
}
