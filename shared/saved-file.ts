import { z } from 'zod';

/** A file RDP Doctor wrote for the user (a report, a fix script): where it is, to say and to show. */
export interface SavedFile {
  /** Names the file in "Open folder": the renderer never hands a path back to main. */
  id: string;
  /** The full path, as the user's file manager shows it. */
  path: string;
  fileName: string;
}

/**
 * A file name main accepts from the renderer: letters, digits, dot, dash, underscore, no path.
 * main adds the extension, so a report can never be saved as something Windows would run.
 */
export const SaveBaseNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/, 'a file name of letters, digits, dots, dashes and underscores')
  .refine((name) => !name.includes('..'), 'a file name without ".."')
  // learn.microsoft.com, "Naming Files, Paths, and Namespaces": these names are devices, with any extension.
  .refine((name) => !/^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\.|$)/i.test(name), 'a file name that is not a Windows device name');

/** The report formats and the extension each is saved with. */
export const REPORT_EXTENSIONS = { html: '.html', json: '.json' } as const;
export type ReportFormat = keyof typeof REPORT_EXTENSIONS;

/** The largest report main writes (a session's report is tens of kB). */
export const REPORT_MAX_CHARS = 5_000_000;
