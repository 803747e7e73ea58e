import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCatalogs, checkDiagnoses } from './registry';
import { checks } from '../catalog/checks';
import { fixes } from '../catalog/fixes';
import { scripts } from '../catalog/scripts';
import { readableScripts } from '../catalog/readable-commands';

describe('a check folder under shared/checks/', () => {
  it('is listed in registry.ts, each folder once, named after its check', () => {
    const folders = readdirSync(__dirname, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(checkCatalogs.map((c) => c.check.id).sort()).toEqual(folders.sort());
  });

  it('has its diagnosis beside its catalog part, in the same order', () => {
    expect(checkDiagnoses.map((d) => d.id)).toEqual(checkCatalogs.map((c) => c.check.id));
  });

  it('is read into the catalog: its check, fixes, scripts and readable commands', () => {
    for (const m of checkCatalogs) {
      expect(checks).toContain(m.check);
      for (const f of m.fixes) expect(fixes).toContain(f);
      const readable: Record<string, readonly string[]> = m.readable;
      for (const [id, def] of Object.entries(m.scripts)) {
        expect(scripts[id as keyof typeof scripts]).toBe(def);
        expect(readableScripts[id as keyof typeof readableScripts]).toBe(readable[id]);
      }
    }
  });

  it('offers only its own fixes, each verified by its own check', () => {
    for (const m of checkCatalogs) {
      expect([...m.check.fixes].sort()).toEqual(m.fixes.map((f) => f.id).sort());
      for (const f of m.fixes) expect(f.verifies).toContain(m.check.id);
    }
  });
});
