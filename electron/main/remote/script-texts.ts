import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scripts } from '../../../shared/catalog/scripts';

/** The text of the shipped scripts: what a fix script for the remote computer is made from. */
export interface ScriptTexts {
  /**
   * Every file of lib/, by its path under the scripts folder ('lib/common.ps1'). Which of them a
   * fix script carries follows from the scripts' own dot-source lines (script-libraries.ts).
   */
  libraries: Readonly<Record<string, string>>;
  /** Each catalog script's file, by file name (scripts[id].file). */
  files: Readonly<Record<string, string>>;
}

/**
 * Reads every library and every catalog script from the shipped scripts folder. Called once at
 * app start: what goes into a generated script comes from these files, never from the renderer.
 */
export function loadScriptTexts(scriptsDir: string): ScriptTexts {
  const read = (file: string) => readFileSync(join(scriptsDir, file), 'utf8').replace(/^\uFEFF/, '');
  const libraries: Record<string, string> = {};
  for (const name of readdirSync(join(scriptsDir, 'lib'))
    .filter((n) => n.endsWith('.ps1'))
    .sort())
    libraries[`lib/${name}`] = read(`lib/${name}`);
  const files: Record<string, string> = {};
  // A script the catalog names but the folder lacks is reported when a fix script needs it.
  for (const def of Object.values(scripts)) if (existsSync(join(scriptsDir, def.file))) files[def.file] = read(def.file);
  return { libraries, files };
}

/** Reads the texts now (at app start) and hands them out later; a failure is reported when asked. */
export function preloadScriptTexts(scriptsDir: string): () => ScriptTexts {
  let texts: ScriptTexts | null = null;
  let error: unknown = null;
  try {
    texts = loadScriptTexts(scriptsDir);
  } catch (err) {
    error = err;
  }
  return () => {
    if (!texts) throw error instanceof Error ? error : new Error(String(error));
    return texts;
  };
}
