import type { ScriptArgs, ScriptFacts, ScriptId } from '../../../shared/catalog/scripts';
import type { MachineState } from './machine-state';

/**
 * What a catalog script does, acted out on a MachineState. It answers with the same facts shape
 * the real .ps1 prints (the runner validates both against one schema).
 */
export type SimScript<S extends ScriptId> = (state: MachineState, args: ScriptArgs<S>) => ScriptFacts<S>;
