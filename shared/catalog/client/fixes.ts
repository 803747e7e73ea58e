import type { FixDef } from '../types';

export const clientFixes = [] as const satisfies readonly FixDef[];
