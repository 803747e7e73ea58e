import type { WizardState } from './state';

/** A slice's own fields; every other slice's field is `never` here, so writing it does not compile. */
type Own<Slice> = Partial<Slice> & { [K in Exclude<keyof WizardState, keyof Slice>]?: never };

/**
 * A slice's `set`: typed to the slice's own fields, so a slice that writes another slice's state
 * does not compile. A slice reads the whole store; what spans slices is the session slice's.
 */
export type OwnSet<Slice> = (partial: Own<Slice> | ((state: WizardState) => Own<Slice>)) => void;

/** Makes one slice from its own `set` and the whole store's `get` (zustand's slices pattern). */
export type SliceCreator<Slice> = (set: OwnSet<Slice>, get: () => WizardState) => Slice;
