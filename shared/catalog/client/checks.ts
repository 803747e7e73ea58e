import type { CheckDef } from '../types';

/** This computer, the client that shows 0x904: caches, saved credentials, policies. */
export const clientChecks = [] as const satisfies readonly CheckDef[];
