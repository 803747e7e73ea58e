import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The colours people rely on without reading them: the focus ring (WCAG 2.4.11/1.4.11, at least
 * 3:1 against what it sits on) and input borders (1.4.11, so a field does not look disabled), in
 * the light and the dark theme, read from styles.css itself.
 */
const css = readFileSync(join(__dirname, 'styles.css'), 'utf8');
const block = (start: number) => css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
const varsOf = (text: string) => Object.fromEntries([...text.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
const light = varsOf(block(css.indexOf(':root')));
const dark = { ...light, ...varsOf(block(css.indexOf(':root', css.indexOf('prefers-color-scheme: dark')))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.each([
  ['light', light],
  ['dark', dark],
] as const)('the %s theme', (_name, v) => {
  it('has a focus ring of at least 3:1 on the page, on cards and on inputs', () => {
    for (const bg of ['bg', 'card', 'input-bg']) expect(contrast(v.focus!, v[bg]!), bg).toBeGreaterThanOrEqual(3);
  });

  it('does not draw focus in a warning or error colour (its hue is far from both)', () => {
    for (const alarm of ['warn', 'fail']) {
      const d = Math.abs(hue(v.focus!) - hue(v[alarm]!));
      expect(Math.min(d, 360 - d), alarm).toBeGreaterThan(90);
    }
  });

  it('gives inputs a border of at least 3:1, so they never look disabled', () => {
    expect(contrast(v['input-border']!, v['input-bg']!)).toBeGreaterThanOrEqual(3);
  });
});

it('reads real values (the parser is not fooled by an empty file)', () => {
  expect(Object.keys(light).length).toBeGreaterThan(10);
  expect(dark.focus).not.toBe(light.focus);
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
});

it('gives every expander one look: only the one rule for summaries sets their colour or font', () => {
  const rules = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
  const summaries = rules.filter((r) => /(^|[\s>,])summary\b/.test(r.selector.replace(/\/\*[\s\S]*?\*\//g, '')));
  expect(summaries.length).toBeGreaterThan(3);
  const styling = summaries.filter((r) => /(^|[;\s])(color|font-size|font-weight|font-family)\s*:/.test(r.body));
  expect(styling.map((r) => r.selector.replace(/\/\*[\s\S]*?\*\//g, '').trim())).toEqual(['details > summary']);
  expect(summaries.some((r) => /summary:focus-visible/.test(r.selector) && /outline:\s*2px solid var\(--focus\)/.test(r.body))).toBe(true);
});
