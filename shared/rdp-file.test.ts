import { describe, expect, it } from 'vitest';
import { decodeRdpFile, parseRdpFile } from './rdp-file';

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
