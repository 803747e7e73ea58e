import { reportedMessages, type ReportedError, type ReportedMessage } from './reported-error';

/*
 * Reading what the user typed or pasted on the first step into the canonical form of
 * reported-error.ts. Apart from it so the window loads it only when an error is given (with
 * reported-error-codes.ts), not at start.
 */

const hex = (n: number) => `0x${n.toString(16)}`;

/** The canonical form ("0x904/0x7"). */
export function formatReportedError(e: ReportedError): string {
  if (e.message) return e.message;
  if (e.reason === null) return '';
  return e.extended === null ? hex(e.reason) : `${hex(e.reason)}/${hex(e.extended)}`;
}

/** "0x204" or "516" as a number; null for anything else. */
export const readCode = (text: string): number | null => {
  const t = text.trim();
  const n = /^0x[0-9a-f]{1,8}$/i.test(t) ? parseInt(t.slice(2), 16) : /^\d{1,10}$/.test(t) ? Number(t) : NaN;
  return Number.isSafeInteger(n) && n <= 0xffffffff ? n : null;
};

/** The canonical form back into its parts; null for anything the schema would refuse. */
export function parseReportedError(token: string): ReportedError | null {
  const t = token.trim();
  if ((reportedMessages as readonly string[]).includes(t)) return { reason: null, extended: null, message: t as ReportedMessage };
  const [reasonText, extendedText, more] = t.split('/');
  if (more !== undefined || reasonText === undefined) return null;
  const reason = readCode(reasonText);
  const extended = extendedText === undefined ? null : readCode(extendedText);
  if (reason === null || (extendedText !== undefined && extended === null)) return null;
  return { reason, extended, message: null };
}

/** The longest text accepted: Remote Desktop's error dialogs are a few hundred characters. */
export const REPORTED_TEXT_MAX = 2000;

export type ReadReportedError = { ok: true; token: string; error: ReportedError } | { ok: false; problem: string };

/**
 * What the user typed or pasted into the first step: a code ("0x204", "516", "0x904 0x7"), or
 * the dialog's whole text ("This computer can't connect to the remote computer. ... Error code:
 * 0x204 Extended error code: 0x0"). Bare digits are decimal, as the client's own log writes them
 * (1026: "Reason= 2308"). The dialog lists the code before the extended code in every language,
 * so the first two hexadecimal numbers are taken in that order when no English label names them.
 */
export function readReportedError(text: string): ReadReportedError {
  if (text.length > REPORTED_TEXT_MAX)
    return { ok: false, problem: `That is longer than any Remote Desktop message (${REPORTED_TEXT_MAX} characters at most).` };
  const t = text.trim();
  if (!t) return { ok: false, problem: 'Type the code Remote Desktop showed, or paste its message.' };
  const done = (error: ReportedError): ReadReportedError => ({ ok: true, token: formatReportedError(error), error });
  // The CredSSP dialog: "An authentication error has occurred. The function requested is not
  // supported ... This could be due to CredSSP encryption oracle remediation." (KB4295591).
  if (/encryption\s+oracle/i.test(t)) return done({ reason: null, extended: null, message: 'credssp-encryption-oracle' });
  const labelled = (label: RegExp) => t.match(label)?.[1];
  const reasonText = labelled(/(?<!extended\s)error\s+code:?\s*(0x[0-9a-f]{1,8}|\d{1,10})\b/i);
  const extendedText = labelled(/extended\s+error\s+code:?\s*(0x[0-9a-f]{1,8}|\d{1,10})\b/i);
  // "An authentication error has occurred (Code: 0x80080005)." over "Error code: 0x0 Extended
  // error code: 0x0": then the dialog's own code is the one that says something (mRemoteNG #3088).
  const dialogCode = t.match(/\(code:?\s*(0x[0-9a-f]{8})\)/i)?.[1];
  if (dialogCode && (reasonText === undefined || readCode(reasonText) === 0))
    return done({ reason: readCode(dialogCode)!, extended: null, message: null });
  const hexes = [...t.matchAll(/\b0x[0-9a-f]{1,8}\b/gi)].map((m) => m[0]);
  const first = reasonText ?? hexes[0] ?? (/^\d{1,10}$/.test(t) ? t : undefined);
  const second = extendedText ?? (reasonText ? undefined : hexes[1]);
  if (first === undefined) {
    if (/internal\s+error\s+has\s+occurred/i.test(t)) return done({ reason: null, extended: null, message: 'internal-error' });
    if (/no\s+remote\s+desktop\s+client\s+access\s+licen[cs]es?/i.test(t))
      return done({ reason: null, extended: null, message: 'no-client-access-license' });
    if (/account\s+restrictions?\b/i.test(t)) return done({ reason: null, extended: null, message: 'account-restriction' });
    if (/local\s+security\s+authority\s+cannot\s+be\s+contacted|domain\s+controller\s+cannot\s+be\s+contacted/i.test(t))
      return done({ reason: null, extended: null, message: 'lsa-cannot-be-contacted' });
    return { ok: false, problem: 'No error code found in that text. Type the code, for example 0x204, or paste the whole message.' };
  }
  const reason = readCode(first);
  const extended = second === undefined ? null : readCode(second);
  if (reason === null || (second !== undefined && extended === null))
    return { ok: false, problem: `${first} is not a code Remote Desktop shows.` };
  return done({ reason, extended, message: null });
}
