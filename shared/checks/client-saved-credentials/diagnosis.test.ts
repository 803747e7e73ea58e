import { describe, expect, it } from 'vitest';
import { HOST, credentials } from '../../../test/support/client-results';
import { credentialMatches } from './diagnosis';

describe('client-saved-credentials', () => {
  it('matches saved passwords for the host in any case, with a port or a type prefix, and nothing else', () => {
    expect(credentialMatches('Domain:target=TERMSRV/SRV01.corp.example', HOST, 3389)).toBe(true);
    expect(credentialMatches('LegacyGeneric:target=TERMSRV/srv01.corp.example:3389', HOST, 3389)).toBe(true);
    expect(credentialMatches('TERMSRV/srv01.corp.example:3390', HOST, 3389)).toBe(false);
    expect(credentialMatches('TERMSRV/srv01', HOST, 3389)).toBe(false);
    expect(credentials('Domain:target=TERMSRV/srv01.corp.example').status).toBe('fail');
    expect(credentials('Domain:target=TERMSRV/other').summary).toBe(
      `No saved Remote Desktop password for ${HOST} (1 saved entry for other computers).`,
    );
  });
});
