import { z } from 'zod';

/**
 * The error the user saw, in one canonical form that travels from the first step (or "A
 * different error now") to the rules and the report:
 * - a disconnect reason, optionally with its extended code: "0x204", "0x904/0x7", "0x80080005";
 * - or a dialog Remote Desktop shows without a code: "credssp-encryption-oracle" (the CredSSP
 *   "encryption oracle remediation" authentication error), "internal-error" ("An internal error
 *   has occurred"), "no-client-access-license" ("...there are no Remote Desktop client access licenses
 *   available for this computer"), "account-restriction" ("Account restrictions are preventing this
 *   user from signing in", STATUS_ACCOUNT_RESTRICTION), "lsa-cannot-be-contacted" ("An authentication error has
 *   occurred. The Local Security Authority cannot be contacted", or NLA's "your Windows domain
 *   controller cannot be contacted").
 * Nothing else is accepted, so nothing else travels (no pasted text reaches main).
 */
export const reportedMessages = [
  'credssp-encryption-oracle',
  'internal-error',
  'no-client-access-license',
  'account-restriction',
  'lsa-cannot-be-contacted',
] as const;
export type ReportedMessage = (typeof reportedMessages)[number];

const CODE = '(?:0x[0-9a-fA-F]{1,8}|[0-9]{1,10})';
export const ReportedErrorSchema = z
  .string()
  .trim()
  .regex(
    new RegExp(`^(?:${CODE}(?:/${CODE})?|${reportedMessages.join('|')})$`),
    'Type the code as Remote Desktop shows it, for example 0x204.',
  );

export interface ReportedError {
  /** The disconnect reason (IMsTscAxEvents::OnDisconnected), or an HRESULT the Windows App shows. */
  reason: number | null;
  /** The extended code (ExtendedDisconnectReasonCode / MS-RDPBCGR error info), when the dialog gave one. */
  extended: number | null;
  /** A dialog without a code. */
  message: ReportedMessage | null;
}
