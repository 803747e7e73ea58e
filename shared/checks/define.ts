import type { CheckDefOf, FixDefOf, TierOfId } from '../catalog/shapes';
import type { ScriptDef } from '../catalog/script-def';

/**
 * What one check's folder declares for the catalog: the check, the fixes it offers, every script
 * they run (the check's and each fix's backup, apply and undo) and those scripts as readable
 * PowerShell. Leaving out a script's readable lines, naming a script the folder does not declare, or offering
 * a fix it does not define fails to compile here.
 */
export interface CheckCatalogModule<
  Id extends string,
  Fix extends string,
  Verifies extends string,
  Scripts extends Record<string, ScriptDef>,
> {
  check: CheckDefOf<Fix, Id, keyof Scripts & string>;
  fixes: readonly FixDefOf<Verifies, Fix, keyof Scripts & string>[];
  scripts: Scripts;
  readable: { [K in keyof Scripts]: readonly string[] };
}

export function defineCheckCatalog<
  const Id extends string,
  const Fix extends string = never,
  const Verifies extends string = never,
  const Scripts extends Record<string, ScriptDef> = Record<never, ScriptDef>,
>(
  // The fixes a check offers are read from its `fixes`, never from the check: offering one the
  // folder does not define fails to compile.
  // Its tier is the one its id says (shapes.ts TierOfId).
  m: Omit<CheckCatalogModule<Id, Fix, Verifies, Scripts>, 'check'> & {
    check: CheckDefOf<NoInfer<Fix>, Id, keyof Scripts & string> & { tier: TierOfId<NoInfer<Id>> };
  },
): CheckCatalogModule<Id, Fix, Verifies, Scripts> {
  return m;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The scripts of a list of check folders, as one record type keyed by their literal ids. */
export type ScriptsOf<L extends readonly { scripts: object }[]> = UnionToIntersection<L[number]['scripts']>;

/** The scripts of every check folder in one record, keyed by script id. */
export function scriptsOf<L extends readonly { scripts: object }[]>(list: L): ScriptsOf<L> {
  return Object.assign({}, ...list.map((m) => m.scripts)) as ScriptsOf<L>;
}

/** Their readable commands in one record, keyed by script id. */
export function readableOf<L extends readonly { scripts: object; readable: object }[]>(
  list: L,
): Record<keyof ScriptsOf<L>, readonly string[]> {
  return Object.assign({}, ...list.map((m) => m.readable)) as Record<keyof ScriptsOf<L>, readonly string[]>;
}
