import type { CheckDefOf, FixDefOf } from '../catalog/shapes';
import type { ScriptDef } from '../catalog/script-def';

/**
 * What one check's folder declares for the catalog: the check, the fixes it offers, every script
 * they run (the check's and each fix's backup, apply and undo) and those scripts as readable
 * PowerShell. Leaving out a script's readable lines, or a fix's script, fails to compile here.
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
  const Fix extends string,
  const Verifies extends string,
  const Scripts extends Record<string, ScriptDef>,
>(m: CheckCatalogModule<Id, Fix, Verifies, Scripts>): CheckCatalogModule<Id, Fix, Verifies, Scripts> {
  return m;
}
