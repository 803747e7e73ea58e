import type { ScriptId } from '../../../shared/catalog/scripts';
import type { SimScript } from './sim-script';
import { clientSimScripts } from './client-scripts';
import { serverSimScripts } from './server-scripts';

/** Every catalog script must be acted out here, or the simulator does not compile. */
export const simulatedScripts: { [S in ScriptId]: SimScript<S> } = { ...clientSimScripts, ...serverSimScripts };
