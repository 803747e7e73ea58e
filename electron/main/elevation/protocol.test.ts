import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonLineReader, MAX_LINE, type LineEvent } from './protocol';

const result = { type: 'result', id: 7, ok: true, facts: { name: 'Zoë – 東京 😀' } };

function feed(chunks: Uint8Array[]): LineEvent[] {
  const reader = new JsonLineReader();
  return chunks.flatMap((c) => reader.push(c));
}

describe('JsonLineReader', () => {
  it('gives the same messages however the bytes are split, even inside a UTF-8 character', () => {
    const bytes = Buffer.from(
      `\uFEFF${JSON.stringify(result)}\r\n\r\n${JSON.stringify({ type: 'progress', id: 7, message: 'ß' })}\n`,
      'utf8',
    );
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = points.slice(1).map((end, i) => bytes.subarray(points[i], end));
        expect(feed(chunks)).toEqual([
          { kind: 'message', message: result },
          { kind: 'message', message: { type: 'progress', id: 7, message: 'ß' } },
        ]);
      }),
    );
  });

  it('holds back a line until its newline arrives', () => {
    const reader = new JsonLineReader();
    expect(reader.push(Buffer.from(JSON.stringify(result)))).toEqual([]);
    expect(reader.push(Buffer.from('\n'))).toEqual([{ kind: 'message', message: result }]);
  });

  it('reports text, unknown messages and results without an id as invalid', () => {
    const events = feed([Buffer.from('WARNING: something\n{"type":"run","id":1}\n{"type":"result","ok":true,"facts":{}}\n')]);
    expect(events.map((e) => e.kind)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(events[0]).toMatchObject({ reason: 'not JSON: "WARNING: something"' });
  });

  it('refuses an endless line instead of buffering it', () => {
    const events = feed([Buffer.from('x'.repeat(MAX_LINE + 1))]);
    expect(events).toEqual([{ kind: 'invalid', reason: expect.stringMatching(/longer than/) }]);
  });
});
