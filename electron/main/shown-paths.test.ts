import { describe, expect, it } from 'vitest';
import type { HandlerContext, HandlerTable } from './handler-table';
import { mapStrings, withShownPaths } from './shown-paths';

const upper = (text: string) => text.replace(/\/sim\/\w+/g, (p) => p.toUpperCase());

describe('paths shown as the user would see them', () => {
  it('mapStrings: every string of a value, nested, other values kept', () => {
    const value = { a: '/sim/x', list: ['/sim/y', 2, null, true], nested: { b: 'no path' } };
    expect(mapStrings(value, upper)).toEqual({ a: '/SIM/X', list: ['/SIM/Y', 2, null, true], nested: { b: 'no path' } });
  });

  it('withShownPaths: answers and events are mapped, requests reach the handler as they were', async () => {
    const seen: unknown[] = [];
    const events: unknown[] = [];
    const table = {
      describeCommands: async (request: unknown, ctx: HandlerContext) => {
        seen.push(request);
        ctx.emit('scanProgress', { path: '/sim/event' } as never);
        return { readable: ["icacls.exe '/sim/key'"] };
      },
    } as unknown as HandlerTable;
    const wrapped = withShownPaths(table, upper);
    const answer = await wrapped.describeCommands({ path: '/sim/request' } as never, { emit: (_e, p) => void events.push(p) });
    expect(answer).toEqual({ readable: ["icacls.exe '/SIM/KEY'"] });
    expect(seen).toEqual([{ path: '/sim/request' }]);
    expect(events).toEqual([{ path: '/SIM/EVENT' }]);
  });
});
