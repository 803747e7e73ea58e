import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarios } from './scenarios';
import type { Scenario } from '../../../shared/simulated/scenario';

const CHECKS_DIR = join(__dirname, '../../../shared/checks');

describe('the scenario table', () => {
  it("holds every scenario a check's folder plants, under its own name, each name once", async () => {
    const folders = readdirSync(CHECKS_DIR).filter((f) => existsSync(join(CHECKS_DIR, f, 'scenarios.ts')));
    expect(folders.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (const folder of folders) {
      const planted = ((await import(join(CHECKS_DIR, folder, 'scenarios.ts'))) as { scenarios: Record<string, Scenario> }).scenarios;
      for (const [name, scenario] of Object.entries(planted)) {
        expect(seen.has(name), `${name} is planted twice`).toBe(false);
        seen.add(name);
        expect(scenarios[name], `${folder}/scenarios.ts: ${name} is not in electron/main/simulated/scenarios.ts`).toBe(scenario);
      }
    }
  });
});
