import { z } from 'zod';

/** Facts the main process gathers itself, in Node, with no PowerShell: these work on any OS. */

export const DnsFactsSchema = z.object({
  host: z.string(),
  addresses: z.array(z.object({ address: z.string(), family: z.union([z.literal(4), z.literal(6)]) })),
  /** The resolver's code (ENOTFOUND, EAI_AGAIN, ...) when no address came back. */
  error: z.string().nullable(),
});
export type DnsFacts = z.infer<typeof DnsFactsSchema>;

export const TcpStateSchema = z.enum(['open', 'refused', 'filtered', 'unreachable', 'error']);
export type TcpState = z.infer<typeof TcpStateSchema>;

export const TcpFactsSchema = z.object({
  port: z.number(),
  attempts: z.array(z.object({ address: z.string(), state: TcpStateSchema, ms: z.number(), error: z.string().nullable() })),
});
export type TcpFacts = z.infer<typeof TcpFactsSchema>;
