import { z } from 'zod';

/** Who drives the wizard: plain English for home users, commands and raw facts for helpdesk. */
export const AudienceSchema = z.enum(['home', 'helpdesk']);
export type Audience = z.infer<typeof AudienceSchema>;

export const DEFAULT_RDP_PORT = 3389;

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name or address of the computer you connect to.')
  .max(253, 'That name is longer than any valid computer name (253 characters).')
  .refine(
    (h) => z.hostname().safeParse(h).success || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success,
    'That is not a valid computer name or IP address (letters, digits, dots and hyphens only).',
  );

const PortSchema = z
  .number({ error: 'The port must be a number.' })
  .int('The port must be a whole number.')
  .min(1, 'The port must be between 1 and 65535.')
  .max(65535, 'The port must be between 1 and 65535.');

export const TargetSchema = z
  .object({
    host: hostSchema,
    port: PortSchema,
  })
  .strict();
export type Target = z.infer<typeof TargetSchema>;

export type ParsedTarget = { ok: true; target: Target } | { ok: false; errors: { host?: string; port?: string } };

/**
 * Reads what a person typed: "server", "server:3390", "10.0.0.5", "[fe80::1]:3390" in the host
 * box, and an optional separate port box (which wins when both give one).
 */
export function parseTargetInput(hostText: string, portText = ''): ParsedTarget {
  let host = hostText.trim();
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d*))?$/.exec(host);
  const hostPort = /^([^:]+):(\d*)$/.exec(host);
  if (bracketed) {
    host = bracketed[1] ?? '';
    if (bracketed[2]) port = Number(bracketed[2]);
  } else if (hostPort) {
    host = hostPort[1] ?? '';
    if (hostPort[2]) port = Number(hostPort[2]);
  }
  const errors: { host?: string; port?: string } = {};
  const portTrimmed = portText.trim();
  if (portTrimmed !== '') {
    port = /^\d+$/.test(portTrimmed) ? Number(portTrimmed) : Number.NaN;
  }
  const parsed = TargetSchema.safeParse({ host, port: port ?? DEFAULT_RDP_PORT });
  if (parsed.success) return { ok: true, target: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'port' ? 'port' : 'host';
    errors[field] ??= field === 'port' && Number.isNaN(port) ? 'The port must be a number.' : issue.message;
  }
  return { ok: false, errors };
}

export function formatTarget(t: Target): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return t.port === DEFAULT_RDP_PORT ? host : `${host}:${t.port}`;
}
