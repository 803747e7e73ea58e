import { describe, expect, it } from 'vitest';
import { credsspPatched } from './diagnosis';

describe('server-credssp', () => {
  it('compare tspkg.dll with the 2018 CredSSP fix', () => {
    expect(credsspPatched({ tspkgVersion: '10.0.14393.1884' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '10.0.14393.2248' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '10.0.20348.2849' })).toBe(true);
    // Before Windows 10: the file versions Microsoft's Azure CredSSP article lists per version.
    expect(credsspPatched({ tspkgVersion: '6.1.7601.24000' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '6.1.7601.24117' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '6.3.9600.18998' })).toBe(false);
    expect(credsspPatched({ tspkgVersion: '6.2.9200.22432' })).toBe(true);
    expect(credsspPatched({ tspkgVersion: '6.0.6002.24000' })).toBe(null);
  });
});
