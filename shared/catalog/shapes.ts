/*
 * The shape of a check and of a fix as the catalog files write them, their ids still plain
 * strings: the id types are derived from those files (types.ts), which therefore import this
 * module and not the other way round. The script ids too: types.ts names them (ScriptId), since
 * the list of scripts is made from the checks' folders, which import this module.
 */

/** Simplest first: the wizard runs and shows the tiers in this order. */
export const tiers = ['network', 'handshake', 'client', 'server'] as const;
export type Tier = (typeof tiers)[number];

export const tierTitles: Record<Tier, string> = {
  network: 'The network',
  handshake: 'The security handshake',
  client: 'This computer',
  server: 'The server',
};

/**
 * Where a check runs, as its id says: `server-...` on the server, `client-...` on this computer,
 * any other id is the probe's (the network or the handshake: what the wire showed).
 * defineCheckCatalog holds each check's tier to its id, so the ranking (diagnosis/rank.ts) can
 * tell where a piece of evidence was read without the list of checks, which holds the rules.
 */
export type TierOfId<Id extends string> = Id extends `server-${string}`
  ? 'server'
  : Id extends `client-${string}`
    ? 'client'
    : 'network' | 'handshake';

export function sideOfId(id: string): 'server' | 'client' | 'wire' {
  return id.startsWith('server-') ? 'server' : id.startsWith('client-') ? 'client' : 'wire';
}

/**
 * Where a check's facts come from: Node itself (no PowerShell), or a script on a Windows side.
 * `withTarget` scripts receive `{ host, port }` of the target (validated; see TargetArgs);
 * the others receive `{}`.
 */
type CheckSource<Script extends string> =
  { kind: 'node' } | { kind: 'script'; side: 'client' | 'server'; script: Script; withTarget?: boolean };

/** A check, offering the fixes `Fix`; written `CheckDefOf<string, string>`, used as CheckDef (types.ts). */
export interface CheckDefOf<Fix extends string, Id extends string, Script extends string = string> {
  id: Id;
  tier: Tier;
  /** A neutral noun ("Remote Desktop certificate"): the result says how it is, never the title. */
  title: string;
  /**
   * One sentence for everyone: what this looks at and why it matters for 0x904/0x7. No registry
   * path, event id, or Windows identifier (shared/catalog/wording.ts says exactly what is kept out).
   */
  plain: string;
  /** For helpdesk: the registry values, logs, cmdlets and accounts it reads, by their real names. */
  technical: string;
  source: CheckSource<Script>;
  needsAdmin: boolean;
  fixes: readonly Fix[];
}

export type Risk = 'low' | 'changes-security' | 'needs-restart';

/** A fix, verified by the checks `Check`; written `FixDefOf<string, string>`, used as FixDef (types.ts). */
export interface FixDefOf<Check extends string, Id extends string, Script extends string = string> {
  id: Id;
  title: string;
  /** Plain English: what will change on which computer. */
  plain: string;
  changes: readonly string[];
  /**
   * The changes said once they have happened, in the past tense: what the result shows with
   * technical details off where the script's own lines are not plain (never "Sets …" for a change made).
   */
  done: readonly string[];
  side: 'client' | 'server';
  needsAdmin: boolean;
  risk: readonly Risk[];
  backupScript: Script;
  script: Script;
  undoScript: Script;
  undoPlain: string;
  /**
   * Set when the change cannot be put back: the one sentence shown wherever an undo would be
   * offered (the result, the summary, "Undo all", the report), which then leave it out.
   */
  cannotUndo?: string;
  /**
   * For a change that weakens security: what that means, in plain words, said on its re-check
   * while it is in force ("Weakened on purpose until 3:11 AM: …") with technical details off.
   */
  weakened?: string;
  /**
   * What restarts, for the risk said first: 'services' the fix restarts Remote Desktop's services
   * itself (people connected are disconnected); 'computer' it takes effect only after the computer
   * restarts (the result is "Restart needed", never "Fixed").
   */
  restart?: 'services' | 'computer';
  /**
   * A workaround meant to stay only while the user tests (the isolation test, CredSSP
   * "Vulnerable", TCP only): the preview lets the user choose how long, and a scheduled task on
   * the computer changed puts the backup back when that time is up (lib/revert-timer.ps1).
   */
  temporary?: true;
  /** Checks re-run after the fix; "fixed" is shown only when they pass. */
  verifies: readonly Check[];
}
