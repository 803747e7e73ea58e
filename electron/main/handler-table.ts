import type { Channel, EventName, Events, RequestOf, ResponseOf } from '../../shared/ipc-contract';

/*
 * The shape of the main-process API, apart from the table that fills it (handlers.ts): the
 * remote and desktop handlers build their parts of it, and dispatch calls it, without importing
 * the module that imports them.
 */

/** What a handler may do besides answering: push events to the window that asked. */
export interface HandlerContext {
  emit<E extends EventName>(event: E, payload: Events[E]): void;
}

export type HandlerTable = {
  [C in Channel]: (request: RequestOf<C>, ctx: HandlerContext) => Promise<ResponseOf<C>>;
};
