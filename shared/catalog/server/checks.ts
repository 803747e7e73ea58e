import type { CheckDefOf } from '../shapes';
import { serverCheckCatalogs } from '../../checks/catalogs';

/**
 * The remote computer: run there (locally, over remoting, or in the generated script). Simplest
 * first; the firewall stays first because the wizard's e2e watches it run.
 */
export const serverChecks = serverCheckCatalogs.map((m) => m.check) satisfies readonly CheckDefOf<string, string>[];
