import { describe, expect, it } from 'vitest';
import { isHelpLink } from './help-links';

describe('isHelpLink', () => {
  it('opens Microsoft documentation pages', () => {
    expect(isHelpLink('https://learn.microsoft.com/en-us/troubleshoot/windows-server/remote/rdp-error-general-troubleshooting')).toBe(true);
  });

  it.each([
    'http://learn.microsoft.com/en-us/',
    'https://learn.microsoft.com.evil.example/',
    'https://evil.example/?https://learn.microsoft.com/',
    'https://user:pw@learn.microsoft.com/',
    'https://learn.microsoft.com:8443/',
    'file:///C:/Windows/System32/calc.exe',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isHelpLink(url)).toBe(false);
  });
});
