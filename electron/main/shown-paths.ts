import type { HandlerContext, HandlerTable } from './handler-table';

/** Every string in a value (objects and arrays walked, other values kept) passed through `map`. */
export function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, map)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)])) as T;
  }
  return value;
}

/**
 * The handler table with every answer and event shown as the user's Windows would show it:
 * `shownPath` (Ports.shownPath, only the simulation's) maps the paths in them. The handlers
 * themselves, and what they send to the scripts, keep the paths that really run.
 */
export function withShownPaths(table: HandlerTable, shownPath: (text: string) => string): HandlerTable {
  const wrapped = {} as Record<string, unknown>;
  for (const [channel, handler] of Object.entries(table) as Array<[string, (request: unknown, ctx: HandlerContext) => Promise<unknown>]>) {
    wrapped[channel] = async (request: unknown, ctx: HandlerContext) => {
      const shown: HandlerContext = { emit: (event, payload) => ctx.emit(event, mapStrings(payload, shownPath)) };
      return mapStrings(await handler(request, shown), shownPath);
    };
  }
  return wrapped as HandlerTable;
}
