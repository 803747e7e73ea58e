import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scripts } from '../../../shared/catalog/scripts';

/** The library every script dot-sources, by its path under assets/scripts. */
const LIBRARY_FILE = 'lib/common.ps1';
/** The administrator store (backups only administrators can change) and the OS calls it needs. */
const ADMIN_STORE_FILES = ['lib/admin-store.ps1', 'lib/windows-calls.ps1'] as const;
/** What runs a fix script's steps, backups, -Report and -Undo: appended after the steps. */
const FIX_SCRIPT_RUNTIME_FILE = 'lib/fix-script-runtime.ps1';

/** The text of the shipped scripts: what a fix script for the remote computer is made from. */
export interface ScriptTexts {
  /** lib/common.ps1 */
  library: string;
  /** lib/admin-store.ps1 and lib/windows-calls.ps1, in that order. */
  adminStore: string;
  /** lib/fix-script-runtime.ps1 */
  runtime: string;
  /** Each catalog script's file, by file name (scripts[id].file). */
  files: Readonly<Record<string, string>>;
}

/**
 * Reads the libraries a fix script inlines and every catalog script from the shipped scripts folder. Called once at
 * app start: what goes into a generated script comes from these files, never from the renderer.
 */
export function loadScriptTexts(scriptsDir: string): ScriptTexts {
  const read = (file: string) => readFileSync(join(scriptsDir, file), 'utf8').replace(/^\uFEFF/, '');
  const files: Record<string, string> = {};
  // A script the catalog names but the folder lacks is reported when a fix script needs it.
  for (const def of Object.values(scripts)) if (existsSync(join(scriptsDir, def.file))) files[def.file] = read(def.file);
  return { library: read(LIBRARY_FILE), adminStore: ADMIN_STORE_FILES.map(read).join('\n'), runtime: read(FIX_SCRIPT_RUNTIME_FILE), files };
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
