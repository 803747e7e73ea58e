import type { ProbeSeverity, ProbeVerdict } from '../../shared/diagnosis/probe-verdict';

/** `rdp-doctor probe`'s exit code per verdict, worst highest (README: "exit codes"). */
export const PROBE_EXIT_CODES: Record<ProbeSeverity, number> = {
  ok: 0,
  warning: 1,
  refused: 2,
  'not-rdp': 3,
  unreachable: 4,
  unresolved: 5,
  incomplete: 6,
};

/** A probe's verdict as the command line reports it: with the exit code it ends with. */
export type CliVerdict = ProbeVerdict & { exitCode: number };

export const withExitCode = (verdict: ProbeVerdict): CliVerdict => ({ ...verdict, exitCode: PROBE_EXIT_CODES[verdict.severity] });
