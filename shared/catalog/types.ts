import type { CheckDefOf, FixDefOf } from './shapes';
import type { ScriptsOf } from '../checks/define';
import type { appScripts } from './app-scripts';

export { tiers, tierTitles, type Tier, type Risk } from './shapes';

/**
 * Every check folder's catalog part, by check id. The interface is open: each folder's catalog.ts
 * adds itself (`declare module '../../catalog/types'`, TypeScript's declaration merging), so the
 * id types below are read from the folders without importing the list of them. The list
 * (shared/checks/registry.ts) also holds every diagnosis, and every diagnosis uses these ids: a
 * list the ids were read from would be an import cycle. registry.ts fails to compile when the
 * folders it lists and the folders that added themselves here differ.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CheckCatalogs {}

type CheckFolder = CheckCatalogs[keyof CheckCatalogs];
/** The ids the check folders write. */
export type CheckId = CheckFolder['check']['id'];
export type FixId = CheckFolder['fixes'][number]['id'];
/** Every script the app may run: the check folders' and the few no check owns (app-scripts.ts). */
export type ScriptId = keyof ScriptsOf<CheckFolder[]> | keyof typeof appScripts;

/**
 * A check as the app uses it: the fixes it offers are fixes of the catalog, its script one of the
 * catalog's. checks.ts holds the whole list to it, so a check offering a fix that does not exist
 * fails to compile there.
 */
export type CheckDef = CheckDefOf<FixId, CheckId, ScriptId>;
/** A fix as the app uses it: the checks that verify it are checks of the catalog (held in fixes.ts). */
export type FixDef = FixDefOf<CheckId, FixId, ScriptId>;
