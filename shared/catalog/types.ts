import type { CheckDefOf, FixDefOf } from './shapes';
import type { ScriptId } from './scripts';
import type { checkCatalogs } from '../checks/catalogs';

export { tiers, tierTitles, type Tier, type Risk } from './shapes';

type CheckFolder = (typeof checkCatalogs)[number];
/** The ids the check folders write. */
export type CheckId = CheckFolder['check']['id'];
export type FixId = CheckFolder['fixes'][number]['id'];

/**
 * A check as the app uses it: the fixes it offers are fixes of the catalog, its script one of the
 * catalog's. checks.ts holds the whole list to it, so a check offering a fix that does not exist
 * fails to compile there.
 */
export type CheckDef = CheckDefOf<FixId, CheckId, ScriptId>;
/** A fix as the app uses it: the checks that verify it are checks of the catalog (held in fixes.ts). */
export type FixDef = FixDefOf<CheckId, FixId, ScriptId>;
