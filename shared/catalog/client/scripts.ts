import type { ScriptDef } from '../script-def';

export const clientScripts = {} as const satisfies Record<string, ScriptDef>;
