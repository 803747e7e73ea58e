import type { ProbeReport } from '../../shared/probe-facts';
import type { ProbeOptions } from '../main/probe/probe';
import type { FleetRemoting } from '../main/fleet/remoting';

/** What the commands touch outside themselves: tests pass their own. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  readFile(path: string): Promise<string>;
  probe?: (host: string, options: ProbeOptions) => Promise<ProbeReport>;
  signal?: AbortSignal;
  /** `check`: the remoting engine (default: Windows PowerShell's Invoke-Command, on Windows only). */
  remoting?: (request: RemotingRequest) => FleetRemoting | string;
  /** `check --out` and `reports DIR`: the folder's files (default: node:fs). */
  files?: ReportFiles;
  /** `check --user`: the password, asked on the terminal with echo off; never from a file or argument. */
  askPassword?: (prompt: string) => Promise<string | null>;
}

export interface RemotingRequest {
  port: number;
  userName: string | null;
  password: string | null;
  useSsl: boolean;
}

export interface ReportFiles {
  /** Creates the folder (and its parents) if missing. */
  makeDir(path: string): Promise<void>;
  /** Writes a new file; refuses (rejects) to overwrite an existing one. */
  writeNew(path: string, text: string): Promise<void>;
  /** The names of the .json files directly in a folder. */
  listJson(path: string): Promise<string[]>;
  /** At most maxChars + 1 characters of a file (enough to tell it is too large). */
  readCapped(path: string, maxChars: number): Promise<string>;
}

/** Exit codes outside the probe's verdicts (README: "Exit codes"). */
export const EXIT_USAGE = 64;
export const EXIT_INTERNAL = 70;
