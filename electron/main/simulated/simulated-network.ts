import type { DnsFacts } from '../../../shared/network-facts';
import type { NetworkPort } from '../ports';
import { probeTarget } from '../probe/probe';
import type { MachineState } from '../../../shared/simulated/machine-state';
import type { SimulatedWindows } from './simulated-windows';
import type { FakeMachine } from './fake-machine';
import type { ServerAddress } from './listener';
import { machineStateOf } from './listener/live-state';

/**
 * The network of a simulation: the real probe, and the scenario's server listening where the
 * simulation put it (a loopback port when RDP Doctor runs on the server, another computer's
 * address otherwise). Before each probe every such address plays what the server's state says
 * now, read back from its fake Windows, so a fix or a restart shows on the wire as it would.
 * Names resolve through `resolve` (a test's hosts map), else the system's resolver.
 */
export interface SimulatedNetworkOptions {
  /** The server: its fake Windows and the state it was loaded with. */
  server: { windows: SimulatedWindows | null; loaded: MachineState; name: string };
  /** The port the state's 'target' stands for. */
  targetPort: number;
  /** Where the server listens: made once, on the first probe (a namespace needs root). */
  addresses: () => Promise<ServerAddress[]>;
  resolve?: (host: string) => Promise<DnsFacts>;
  /** Names that resolve to the server's first address (`--simulate`: office-pc), before `resolve`. */
  serverNames?: string[];
}

/** The scripts that change a machine (the rest read it or back it up). */
const CHANGES = /^(fix|undo|restart)-/;

export function simulatedNetwork(o: SimulatedNetworkOptions): NetworkPort & { close(): Promise<void> } {
  let made: Promise<ServerAddress[]> | null = null;
  return {
    async probe(host, options) {
      made ??= o.addresses();
      const addresses = await made;
      if (addresses.length > 0) {
        // The state now: the one loaded until a script that changes the machine ran (a fix, an
        // undo, a restart), then read back from the fake Windows. A probe never waits for a
        // PowerShell that nothing has changed (a session start can take longer than the probe).
        const w = o.server.windows;
        const changed = w?.runs.some((r) => CHANGES.test(r.script)) ?? false;
        const now = w && changed ? machineStateOf(o.server.loaded, (await w.snapshot()) as FakeMachine, o.targetPort) : o.server.loaded;
        for (const a of addresses) await a.serve(now, { computerName: o.server.name, targetPort: a.port });
      }
      const first = addresses[0];
      const named = first && o.serverNames?.some((n) => n.toLowerCase() === host.toLowerCase());
      const resolve = named
        ? async (h: string): Promise<DnsFacts> => ({ host: h, addresses: [{ address: first.host, family: 4 }], error: null })
        : o.resolve;
      return probeTarget(host, { ...(resolve ? { resolve } : {}), ...options });
    },
    async close() {
      const addresses = made ? await made.catch(() => []) : [];
      for (const a of addresses) await a.close();
    },
  };
}
