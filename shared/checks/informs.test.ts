import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDiagnoses } from './registry';

/*
 * A check with no rules of its own must still be read by one: `informs` names the files whose
 * rules read its facts (define-diagnosis.ts). A check no rule reads would run and explain nothing,
 * so the files it names exist and read its result.
 */

const SHARED = join(__dirname, '..');

/** The files an `informs` sentence names: "(diagnosis/a.ts, b.ts)" means diagnosis/a.ts and diagnosis/b.ts. */
function namedFiles(informs: string): string[] {
  let dir = '';
  return (informs.match(/[\w./-]+\.ts\b/g) ?? []).map((name) => {
    const path = name.replace(/^shared\//, '');
    if (path.includes('/')) dir = dirname(path);
    return join(SHARED, path.includes('/') ? path : join(dir, name));
  });
}

const informing = checkDiagnoses.flatMap((d) => ('informs' in d ? [[d.id, d.informs] as const] : []));

describe('checks without rules of their own', () => {
  it('are there (the network checks and the remembered certificate among them)', () => {
    expect(informing.map(([id]) => id)).toEqual(expect.arrayContaining(['dns', 'tcp-port', 'rdp-handshake', 'client-pinned-certificate']));
  });

  it.each(informing)('%s names the rules that read its result, and they do', (id, informs) => {
    const files = namedFiles(informs);
    expect(files.length, informs).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    // Its result by id: r['tcp-port'], r.dns, or a result whose checkId is it.
    const reads = new RegExp(`\\br\\.${id}\\b|'${id}'`);
    expect(
      files.some((f) => reads.test(readFileSync(f, 'utf8'))),
      `${id} is read by ${files.join(', ')}`,
    ).toBe(true);
  });
});
