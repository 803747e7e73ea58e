import type { ScanVerdict } from '../../../shared/diagnosis/verdict';
import type { ScanResult } from '../../../shared/results';

/**
 * The laptop case with nothing wrong here: the server is another computer RDP Doctor could not
 * check, everything that could be checked from here passed or explains nothing, and the server
 * answered on its Remote Desktop port. Then what is known leads ("the problem is on office-pc"),
 * not the count of what could not be checked. Null otherwise.
 */
export function serverElsewhere(scan: ScanResult, verdict: ScanVerdict): { unchecked: number; secured: boolean } | null {
  if (scan.server.kind !== 'not-checked' || verdict.kind !== 'incomplete') return null;
  // A check that failed to run here (not one that belongs to the server) leaves this side unknown.
  if (scan.results.some((r) => r.status === 'error' || r.status === 'unavailable')) return null;
  const status = (id: string) => scan.results.find((r) => r.checkId === id)?.status;
  if (status('tcp-port') !== 'pass') return null;
  return { unchecked: verdict.unchecked, secured: status('rdp-handshake') === 'pass' };
}
