import { describe, expect, it } from 'vitest';
import { decodeRdpFile, MAX_RDP_FILE_BYTES, parseRdpFile, rdpFileSizeProblem } from './rdp-file';

const saved = [
  'screen mode id:i:2',
  'full address:s:srv-app01.corp.example:3390',
  'gatewayhostname:s:rdgw.corp.example',
  'gatewayusagemethod:i:1',
  'username:s:CORP\\anna',
].join('\r\n');

describe('.rdp files', () => {
  it('reads the address, port, gateway and user from a file mstsc saved (UTF-16LE with BOM)', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(saved, 'utf16le'))]);
    expect(parseRdpFile(decodeRdpFile(utf16))).toEqual({
      host: 'srv-app01.corp.example',
      port: 3390,
      gateway: { host: 'rdgw.corp.example', usage: 1 },
      username: 'CORP\\anna',
    });
  });

  it('takes "server port" when the address has none, and ignores a gateway that is off', () => {
    const text = 'full address:s:[fe80::1]\nserver port:i:3391\ngatewayhostname:s:gw\ngatewayusagemethod:i:4\n';
    expect(parseRdpFile(decodeRdpFile(new TextEncoder().encode(text)))).toEqual({
      host: 'fe80::1',
      port: 3391,
      gateway: null,
      username: null,
    });
  });

  it('gives nulls for a file without an address', () => {
    expect(parseRdpFile('just some text')).toEqual({ host: null, port: null, gateway: null, username: null });
  });
});

describe('a hostile .rdp file (issue 22, Low 2)', () => {
  it('a 200,000-character line of spaces is read at once: the window does not freeze', () => {
    // The old regular expression took 0.3 s at 20k, 3.9 s at 80k and 21.9 s at 160k characters.
    const line = ' '.repeat(200_000);
    const started = performance.now();
    expect(parseRdpFile(`${line}\r\nfull address:s:srv-app01:3390\r\n${line}x:\r\n`)).toEqual({
      host: 'srv-app01',
      port: 3390,
      gateway: null,
      username: null,
    });
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('keeps colons inside the value and reads the other address forms as before', () => {
    const read = (address: string) => parseRdpFile(`full address:s:${address}`);
    expect(read('[fe80::1]:3391')).toMatchObject({ host: 'fe80::1', port: 3391 });
    expect(read('fe80::1')).toMatchObject({ host: 'fe80::1', port: null });
    expect(read('srv:notaport')).toMatchObject({ host: 'srv:notaport', port: null });
    expect(parseRdpFile('full address:x:srv\nFull Address : s : other\n:s:nameless')).toMatchObject({ host: null });
  });

  it('refuses a file larger than any .rdp file with one plain sentence', () => {
    expect(rdpFileSizeProblem('invoice.rdp', 4096)).toBeNull();
    expect(rdpFileSizeProblem('invoice.rdp', MAX_RDP_FILE_BYTES)).toBeNull();
    expect(rdpFileSizeProblem('invoice.rdp', 5 * 1024 * 1024)).toBe(
      'invoice.rdp is 5120 KB: a Remote Desktop file is a few KB, so this is not one RDP Doctor will read (at most 64 KB). Nothing was changed.',
    );
  });
});
