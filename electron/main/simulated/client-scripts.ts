import type { clientScripts } from '../../../shared/catalog/client/scripts';
import type { SimScript } from './sim-script';

/** The client scripts acted out on the simulated machine. */
export const clientSimScripts: { [S in keyof typeof clientScripts]: SimScript<S> } = {};
