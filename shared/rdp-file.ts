/**
 * Reads what matters to the diagnosis from a .rdp file: the address (with its port), a separate
 * "server port", and the Remote Desktop Gateway settings. mstsc saves these files as UTF-16LE
 * with a BOM; hand-written ones are often UTF-8.
 */
export interface RdpFileSettings {
  host: string | null;
  port: number | null;
  gateway: { host: string; usage: number } | null;
  username: string | null;
}

export function decodeRdpFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export function parseRdpFile(text: string): RdpFileSettings {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    // "name:type:value"; the value itself may contain colons (IPv6, host:port).
    const m = /^\s*([^:]+):([sib]):(.*)$/.exec(line);
    if (m) values.set(m[1]!.trim().toLowerCase(), m[3]!.trim());
  }
  let host = values.get('full address') || null;
  let port: number | null = null;
  if (host) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
    const hostPort = /^([^:]+):(\d+)$/.exec(host);
    if (bracketed) {
      host = bracketed[1]!;
      port = bracketed[2] ? Number(bracketed[2]) : null;
    } else if (hostPort) {
      host = hostPort[1]!;
      port = Number(hostPort[2]);
    }
  }
  const serverPort = values.get('server port');
  if (port === null && serverPort && /^\d+$/.test(serverPort)) port = Number(serverPort);
  const gatewayHost = values.get('gatewayhostname');
  const usage = Number(values.get('gatewayusagemethod') ?? '0');
  return {
    host,
    port,
    // Usage 0 and 4 mean "do not use a gateway" even when a name is saved.
    gateway: gatewayHost && usage !== 0 && usage !== 4 ? { host: gatewayHost, usage } : null,
    username: values.get('username') || null,
  };
}
