import { z } from 'zod';
import { appScripts } from './app-scripts';
import { checkCatalogs } from '../checks/registry';
import { scriptsOf } from '../checks/define';
import type { ScriptId } from './types';

export { LastDisconnectFactsSchema, RevertTimersFactsSchema } from './app-scripts';

/**
 * Every PowerShell script the app may run, by id. The renderer and the elevated helper only ever
 * name these ids; the file under assets/scripts/ and the schemas of its arguments and of the one
 * JSON object it prints live beside each id, so the real runner and the simulated machine obey
 * one contract.
 */
export const scripts = { ...scriptsOf(checkCatalogs), ...appScripts } as const;

export type { ScriptId } from './types';
export type ScriptArgs<S extends ScriptId> = z.infer<(typeof scripts)[S]['args']>;
export type ScriptFacts<S extends ScriptId> = z.infer<(typeof scripts)[S]['facts']>;

/** What every script prints: exactly one JSON object, success or a caught error. */
export const ScriptEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), facts: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ message: z.string(), type: z.string().optional() }),
  }),
]);
