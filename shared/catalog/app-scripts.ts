import { z } from 'zod';
import { NoArgs, type ScriptDef } from './script-def';

/*
 * The scripts no check owns: the target step's suggestions and last attempt, the restart a fix
 * asks for and its cancel, the timers of temporary changes. Their readable lines are in
 * readable-commands.ts; scripts.ts puts them beside the check folders' scripts.
 */

/** A restart scheduled with shutdown.exe: in how many seconds, and the command that calls it off. */
const RestartFactsSchema = z.object({ restartInSeconds: z.number().int().min(0), cancelCommand: z.string() });
/** shutdown.exe /a: called off, or there was none to call off (it began already, or someone called it off). */
const CancelRestartFactsSchema = z.object({ cancelled: z.boolean(), nonePending: z.boolean() });

/** read-client-last-disconnect: the newest 1026 of this computer's Remote Desktop log, with its 1024's server name. */
export const LastDisconnectFactsSchema = z.object({
  logEnabled: z.boolean(),
  last: z
    .object({
      time: z.string().max(40),
      /** The disconnect reason as logged (decimal); null when the event held no number. */
      reason: z.number().int().min(0).max(0xffffffff).nullable(),
      server: z.string().max(300).nullable(),
    })
    .nullable(),
});

/** What the scheduled task of a temporary change did, by change id (lib/revert-timer.ps1). */
export const RevertTimersFactsSchema = z.object({
  timers: z
    .array(
      z.object({
        id: z.string().max(64),
        /** pending: it has not run (or there is none); restored; failed, with why in detail. */
        state: z.enum(['pending', 'restored', 'failed']),
        at: z.string().max(40).nullable(),
        detail: z.string().max(2000).nullable(),
      }),
    )
    .max(50),
});
const ChangeIdsArgs = z
  .object({
    ids: z
      .array(z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/))
      .min(1)
      .max(50),
  })
  .strict();

/** The scripts no check owns (their readable lines are in readable-commands.ts). */
export const appScripts = {
  /** The Remote Desktop client's recent computers: the target step's suggestions. */
  'read-client-mru': { file: 'read-client-mru.ps1', args: NoArgs, facts: z.object({ entries: z.array(z.string().max(300)).max(20) }) },
  /** This computer's last Remote Desktop attempt: the target step's "Read my last attempt". */
  'read-client-last-disconnect': { file: 'read-client-last-disconnect.ps1', args: NoArgs, facts: LastDisconnectFactsSchema },
  /** Not a fix: the restart a fix that takes effect only at startup asks for (Windows' own one-minute notice first). */
  'restart-computer': { file: 'restart-computer.ps1', args: NoArgs, facts: RestartFactsSchema },
  /** "Cancel restart": calls off that restart within Windows' notice, on the computer told to restart. */
  'abort-restart': { file: 'abort-restart.ps1', args: NoArgs, facts: CancelRestartFactsSchema },
  /** Whether temporary changes were put back by their timers (read unelevated, where they were made). */
  'read-revert-timers': { file: 'read-revert-timers.ps1', args: ChangeIdsArgs, facts: RevertTimersFactsSchema },
} as const satisfies Record<string, ScriptDef>;
