/**
 * The PowerShell libraries (assets/scripts/lib/) as the scripts themselves name them: a script or
 * library loads one with a line of exactly this form, relative to its own folder, and
 * lib/common.ps1 is the list every script loads. Nothing else lists them. Where a script cannot
 * load files (the fix script for the server), each library's text goes in place of its line,
 * every library once. invoke-remote.ps1 does the same on the PowerShell side.
 */
const DOT_SOURCE = /^\. \(Join-Path -Path \$PSScriptRoot -ChildPath '([A-Za-z0-9-]+(?:\\[A-Za-z0-9-]+)*\.ps1)'\)$/;
/** Any other line that starts by dot-sourcing something: a library that could not be inlined. */
const OTHER_DOT_SOURCE = /^\.\s/;

/** The library a line loads, as its path under the scripts folder ('lib/common.ps1'); null for any other line. */
export function loadedLibrary(line: string, folder: string): string | null {
  const match = DOT_SOURCE.exec(line.trim());
  if (!match) return null;
  const path = [folder, ...match[1]!.split('\\')].filter(Boolean).join('/');
  if (!path.startsWith('lib/')) throw new Error(`${line.trim()} loads ${path}, which is not in lib/.`);
  return path;
}

/** The file's folder under the scripts folder: '' for a script, 'lib' for a library. */
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

/** A file's lines, each line that loads a library (its path under the scripts folder) or plain text. */
function parse(file: string, text: string): Array<{ library: string } | { line: string }> {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n/g, '\n')
    .split('\n');
  return lines.map((line) => {
    const library = loadedLibrary(line, folderOf(file));
    if (library) return { library };
    if (OTHER_DOT_SOURCE.test(line.trim())) throw new Error(`${file} dot-sources a file in a way RDP Doctor cannot inline: ${line.trim()}`);
    return { line };
  });
}

/** A file's lines without those that load libraries, and the libraries they load, in order. */
export function splitLibraryLines(file: string, text: string): { lines: string[]; loads: string[] } {
  const parsed = parse(file, text);
  return {
    lines: parsed.flatMap((p) => ('line' in p ? [p.line] : [])),
    loads: parsed.flatMap((p) => ('library' in p ? [p.library] : [])),
  };
}

/**
 * The libraries' text for one self-contained script, as dot-sourcing runs them: each named
 * library as `#region lib\x.ps1`, with each library it loads in place of the line that loads it.
 * Each library goes in once: `inlined` collects what is in already, so later calls add only what
 * is new.
 */
export function inlineLibraries(paths: readonly string[], libraries: Readonly<Record<string, string>>, inlined: Set<string>): string {
  const region = (path: string): string[] => {
    if (inlined.has(path)) return [];
    inlined.add(path);
    const text = libraries[path];
    if (text === undefined) throw new Error(`The library ${path} is missing from RDP Doctor's scripts folder.`);
    const body = parse(path, text).flatMap((p) => ('line' in p ? [p.line] : region(p.library)));
    return [`#region ${path.replace(/\//g, '\\')}`, ...body, '#endregion'];
  };
  return paths
    .map(region)
    .filter((r) => r.length)
    .map((r) => r.join('\n'))
    .join('\n\n');
}
