/**
 * Reads what matters to the diagnosis from a .rdp file: the address (with its port), a separate
 * "server port", and the Remote Desktop Gateway settings. mstsc saves these files as UTF-16LE
 * with a BOM; hand-written ones are often UTF-8.
 *
 * A .rdp file arrives by mail as often as from the user's own mstsc, so it is read as hostile
 * input: each line is split with indexOf (linear in its length; a regular expression here was
 * quadratic on a long line of spaces and froze the window for 20 s on 160k characters), and a
 * file larger than any real one is refused before it is read.
 */
export interface RdpFileSettings {
  host: string | null;
  port: number | null;
  gateway: { host: string; usage: number } | null;
  username: string | null;
}

/**
 * The largest .rdp file read. mstsc writes about 60 settings, 2-5 KB in UTF-16; a file with every
 * documented setting and a long gateway list stays far below this.
 */
export const MAX_RDP_FILE_BYTES = 64 * 1024;

/** The message for a file over the cap, or null when its size is fine. */
export function rdpFileSizeProblem(name: string, bytes: number): string | null {
  if (bytes <= MAX_RDP_FILE_BYTES) return null;
  return `${name} is ${Math.ceil(bytes / 1024)} KB: a Remote Desktop file is a few KB, so this is not one RDP Doctor will read (at most ${MAX_RDP_FILE_BYTES / 1024} KB). Nothing was changed.`;
}

export function decodeRdpFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

/** "name:type:value" with type s, i or b; the value itself may contain colons (IPv6, host:port). */
function splitSetting(line: string): [string, string] | null {
  const first = line.indexOf(':');
  if (first <= 0) return null;
  const type = line[first + 1];
  if ((type !== 's' && type !== 'i' && type !== 'b') || line[first + 2] !== ':') return null;
  const name = line.slice(0, first).trim().toLowerCase();
  if (!name) return null;
  return [name, line.slice(first + 3).trim()];
}

const DIGITS = /^\d+$/;

export function parseRdpFile(text: string): RdpFileSettings {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const setting = splitSetting(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (setting) values.set(setting[0], setting[1]);
  }
  let host = values.get('full address') || null;
  let port: number | null = null;
  if (host) {
    const split = splitHostPort(host);
    host = split.host;
    port = split.port;
  }
  const serverPort = values.get('server port');
  if (port === null && serverPort && DIGITS.test(serverPort)) port = Number(serverPort);
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

/** "[v6]:port", "[v6]", "name:port", or the address as it stands (a bare IPv6 address among them). */
function splitHostPort(address: string): { host: string; port: number | null } {
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    const rest = close === -1 ? '' : address.slice(close + 1);
    if (close > 1 && (rest === '' || (rest.startsWith(':') && DIGITS.test(rest.slice(1))))) {
      return { host: address.slice(1, close), port: rest ? Number(rest.slice(1)) : null };
    }
    return { host: address, port: null };
  }
  const colon = address.indexOf(':');
  if (colon > 0 && colon === address.lastIndexOf(':') && DIGITS.test(address.slice(colon + 1))) {
    return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
  }
  return { host: address, port: null };
}
