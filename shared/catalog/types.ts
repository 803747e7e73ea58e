import type { CheckDefOf, FixDefOf } from './shapes';
import type { ScriptId } from './scripts';
import type { networkChecks } from './network';
import type { handshakeChecks } from './handshake';
import type { clientChecks } from './client/checks';
import type { serverChecks } from './server/checks';
import type { clientFixes } from './client/fixes';
import type { serverFixes } from './server/fixes';

export { tiers, tierTitles, type Tier, type Risk } from './shapes';

/** The ids the catalog files write. */
export type CheckId = (typeof networkChecks | typeof handshakeChecks | typeof clientChecks | typeof serverChecks)[number]['id'];
export type FixId = (typeof clientFixes | typeof serverFixes)[number]['id'];

/**
 * A check as the app uses it: the fixes it offers are fixes of the catalog, its script one of the
 * catalog's. checks.ts holds the whole list to it, so a check offering a fix that does not exist
 * fails to compile there.
 */
export type CheckDef = CheckDefOf<FixId, CheckId, ScriptId>;
/** A fix as the app uses it: the checks that verify it are checks of the catalog (held in fixes.ts). */
export type FixDef = FixDefOf<CheckId, FixId, ScriptId>;
