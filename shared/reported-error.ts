import { z } from 'zod';

/**
 * The code in Remote Desktop's error box, as the user types it after "A different error now":
 * "0x204", "0x2407", or a decimal code. Nothing else is accepted, so nothing else travels.
 */
export const ReportedErrorSchema = z
  .string()
  .trim()
  .regex(/^(0x[0-9a-fA-F]{1,8}|[0-9]{1,10})$/, 'Type the code as Remote Desktop shows it, for example 0x204.');
