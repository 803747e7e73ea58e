import { describe, expect, it } from 'vitest';
import { formatTarget, parseTargetInput } from './target';

describe('parseTargetInput', () => {
  it.each([
    ['srv01', '', { host: 'srv01', port: 3389 }],
    ['  srv01.corp.example  ', '', { host: 'srv01.corp.example', port: 3389 }],
    ['srv01:3390', '', { host: 'srv01', port: 3390 }],
    ['srv01:3390', '4000', { host: 'srv01', port: 4000 }],
    ['10.0.0.5', '', { host: '10.0.0.5', port: 3389 }],
    ['[fe80::1]:3390', '', { host: 'fe80::1', port: 3390 }],
    ['fe80::1', '', { host: 'fe80::1', port: 3389 }],
  ])('reads %j with port %j', (host, port, target) => {
    expect(parseTargetInput(host, port)).toEqual({ ok: true, target });
  });

  it.each([
    ['', '', 'host', /Enter the name/],
    ['srv 01', '', 'host', /not a valid computer name/],
    ["srv'; calc", '', 'host', /not a valid computer name/],
    ['$(Remove-Item C:\\)', '', 'host', /not a valid computer name/],
    ['srv01', '0', 'port', /between 1 and 65535/],
    ['srv01', '70000', 'port', /between 1 and 65535/],
    ['srv01', 'abc', 'port', /must be a number/],
  ])('rejects %j / %j with a message on %s', (host, port, field, message) => {
    const parsed = parseTargetInput(host, port);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field as 'host' | 'port']).toMatch(message);
  });

  it('formats targets the way people type them', () => {
    expect(formatTarget({ host: 'srv01', port: 3389 })).toBe('srv01');
    expect(formatTarget({ host: 'fe80::1', port: 3390 })).toBe('[fe80::1]:3390');
  });
});
