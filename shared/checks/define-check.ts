import type { CheckCatalogModule } from './define';
import type { CheckDiagnosisModule } from './define-diagnosis';
import type { CheckId } from '../catalog/types';
import type { ScriptDef } from '../catalog/script-def';

/**
 * One check folder as the registry lists it (its index.ts): the catalog part (catalog.ts) and the
 * diagnosis (diagnosis.ts) of the same check. A diagnosis of another check fails to compile here.
 */
export interface CheckFolderModule<
  Id extends CheckId,
  Fix extends string,
  Verifies extends string,
  Scripts extends Record<string, ScriptDef>,
> {
  catalog: CheckCatalogModule<Id, Fix, Verifies, Scripts>;
  diagnosis: CheckDiagnosisModule<Id>;
}

export function defineCheck<
  const Id extends CheckId,
  const Fix extends string,
  const Verifies extends string,
  const Scripts extends Record<string, ScriptDef>,
>(
  catalog: CheckCatalogModule<Id, Fix, Verifies, Scripts>,
  diagnosis: CheckDiagnosisModule<NoInfer<Id>>,
): CheckFolderModule<Id, Fix, Verifies, Scripts> {
  return { catalog, diagnosis };
}
