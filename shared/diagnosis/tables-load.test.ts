import { describe, expect, it } from 'vitest';

/*
 * The evidence model's table (causes.ts) is read when the diagnosis module loads: one broken
 * entry throws there, and then the wizard shows no finding at all. This file imports it inside
 * the test, never at its top, so a table that cannot load fails a test by name. A file that
 * imports it at its top only fails to load, which vitest reports as "no tests" and a mutation
 * run counts as a surviving mutant (vitest.mutate-diagnosis.config.mts has no setup file that
 * would load it first; the unit run's does, and fails every file).
 */
describe('the causes table', () => {
  it('loads, and every cause says on which computer it lives, what to look at there, and which findings it explains', async () => {
    const { CAUSES, SYMPTOM_IDS } = await import('./causes');
    const ids = Object.keys(CAUSES);
    expect(ids).toEqual(expect.arrayContaining(['certificate-unusable', 'rdp-key-unreadable', 'firewall-blocks-rdp', 'credssp-outdated']));
    for (const [id, cause] of Object.entries(CAUSES)) {
      expect(['server', 'client', 'network'], id).toContain(cause.side);
      // Shown after "on the server, …" and joined with others: a phrase, never a sentence.
      expect(cause.lookAt, id).toMatch(/^[A-Za-z][^.]*[^.\s]$/);
      expect(cause.explains.length, id).toBeGreaterThan(0);
      for (const explained of cause.explains) expect(explained, id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(new Set(cause.explains).size, `${id} names a finding twice`).toBe(cause.explains.length);
      expect(cause.explains, `${id} explains itself`).not.toContain(id);
    }
    // The symptoms are the findings some cause explains that are no cause themselves.
    expect([...SYMPTOM_IDS].filter((s) => s in CAUSES)).toEqual([]);
    expect([...SYMPTOM_IDS]).toEqual(expect.arrayContaining(['tls-reset', 'port-filtered', 'port-closed', 'closed-before-negotiation']));
  });
});
