import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeArgs, invocationLine, psLiteral } from './literal';
import { parseProblems, powershellParser, walk } from '../../../test/support/powershell-parser';

// Strings built to break out of a literal: every quote PowerShell knows, subexpressions,
// backticks, variables, newlines, NUL, and characters outside the BMP.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "'",
      '\u2018',
      '\u2019',
      '\u201A',
      '\u201B',
      '"',
      '\u201C',
      '\u201D',
      '$',
      '(',
      ')',
      '`',
      ';',
      '&',
      '|',
      '{',
      '}',
      '@',
      '#',
      '<',
      '>',
      '\n',
      '\r',
      '\0',
      '\t',
      ' ',
      '😀',
      '$(calc)',
      "'; Remove-Item C:\\ -Recurse #",
    ),
    fc.string({ unit: 'grapheme', maxLength: 2 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

const unquote = (literal: string) => literal.slice(1, -1).replace(/(['\u2018-\u201B])\1/g, '$1');

describe('psLiteral', () => {
  it('doubles every single-quote character PowerShell recognises', () => {
    expect(psLiteral("O'Brien")).toBe("'O''Brien'");
    expect(psLiteral('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(psLiteral('$(calc)')).toBe("'$(calc)'");
    expect(() => psLiteral('a\0b')).toThrow('cannot contain the NUL character');
  });

  it('always parses as exactly one string literal, never a command (10,000 hostile strings)', async () => {
    const parser = await powershellParser();
    fc.assert(
      fc.property(hostile, (value) => {
        if (value.includes('\0')) {
          expect(() => psLiteral(value)).toThrow(/NUL/);
          return;
        }
        const text = psLiteral(value);
        const tree = parser.parse(text)!;
        const nodes = [...walk(tree.rootNode)];
        expect(parseProblems(tree.rootNode)).toEqual([]);
        const literals = nodes.filter((n) => n.type === 'string_literal');
        expect(literals).toHaveLength(1);
        expect(literals[0]!.text).toBe(text);
        expect(nodes.some((n) => ['command', 'sub_expression', 'variable', 'script_block'].includes(n.type))).toBe(false);
        expect(unquote(text)).toBe(value);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('invocationLine', () => {
  it('is one command: the script path and one base64 argument, both literals', async () => {
    const parser = await powershellParser();
    const path = "C:\\Users\\O'Brien $(evil)\\AppData\\scripts\\check-firewall-rdp.ps1";
    const line = invocationLine(path, { host: "srv'; calc #", note: 'ünïcødé 😀' });
    const tree = parser.parse(line)!;
    expect(parseProblems(tree.rootNode)).toEqual([]);
    const nodes = [...walk(tree.rootNode)];
    expect(nodes.filter((n) => n.type === 'command')).toHaveLength(1);
    const literals = nodes.filter((n) => n.type === 'string_literal').map((n) => unquote(n.text));
    expect(literals).toEqual([path, encodeArgs({ host: "srv'; calc #", note: 'ünïcødé 😀' })]);
    expect(nodes.filter((n) => n.type === 'command_parameter').map((n) => n.text)).toEqual(['-EncodedArgs']);
    expect(line).not.toContain('\n');
  });

  it('stays ASCII for a script under a non-ASCII profile (Jürgen, 山田): the path travels as base64', async () => {
    const parser = await powershellParser();
    const path = 'C:\\Users\\Jürgen 山田\\AppData\\Local\\Programs\\rdp-doctor\\resources\\scripts\\check-rdp-enabled.ps1';
    const line = invocationLine(path, { host: 'srv' });
    expect(line).toMatch(/^[\x20-\x7e]+$/);
    const tree = parser.parse(line)!;
    expect(parseProblems(tree.rootNode)).toEqual([]);
    const nodes = [...walk(tree.rootNode)];
    expect(nodes.filter((n) => n.type === 'command')).toHaveLength(1);
    const literals = nodes.filter((n) => n.type === 'string_literal').map((n) => unquote(n.text));
    expect(literals).toEqual([Buffer.from(path, 'utf8').toString('base64'), encodeArgs({ host: 'srv' })]);
  });

  it('round-trips arguments through base64 UTF-8 JSON', () => {
    const args = { backupDir: 'C:\\ProgramData\\RDP Doctor\\backups\\Zoë' };
    const b64 = encodeArgs(args);
    expect(b64).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(JSON.parse(Buffer.from(b64, 'base64').toString('utf8'))).toEqual(args);
  });
});
