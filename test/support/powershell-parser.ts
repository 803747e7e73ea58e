import { createRequire } from 'node:module';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { ALIASES } from './powershell-aliases';

const require = createRequire(import.meta.url);
let parser: Parser | null = null;

/** tree-sitter-powershell's wasm grammar in web-tree-sitter: the same parse as editors use. */
export async function powershellParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
  parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* walk(child);
}

/** ERROR and MISSING nodes, with line numbers, for a readable failure. */
export function parseProblems(root: Node): string[] {
  const problems: string[] = [];
  for (const n of walk(root)) {
    if (n.isError) problems.push(`ERROR at line ${n.startPosition.row + 1}: ${n.text.slice(0, 60)}`);
    else if (n.isMissing) problems.push(`MISSING ${n.type} at line ${n.startPosition.row + 1}`);
  }
  return problems;
}

/** Command names in a parse tree that are built-in aliases (scripts must spell cmdlets out). */
export function aliasesUsed(root: Node): string[] {
  return [...walk(root)]
    .filter((n) => n.type === 'command_name')
    .map((n) => n.text.toLowerCase())
    .filter((name) => ALIASES.has(name));
}
