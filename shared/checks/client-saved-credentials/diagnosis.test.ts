import { describe, expect, it } from 'vitest';
import { HOST, credentials, healthyClient } from '../../../test/support/client-results';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import type { NetworkType } from '../../network-type';
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

describe('client-saved-credentials, as the user reads it', () => {
  const withSaved = (...entries: string[]) =>
    healthyClient().map((r) => (r.checkId === 'client-saved-credentials' ? credentials(...entries) : r));
  const finding = (results: CheckResult[], networkType: NetworkType) =>
    diagnose(results, { networkType }).find((f) => f.id === 'stale-saved-credentials');

  it('does not take a target that merely contains the name, or has no TERMSRV/ part, for this host', () => {
    expect(credentialMatches('TERMSRV/srv01.corp.example.evil', HOST, 3389)).toBe(false);
    expect(credentialMatches('Domain:target=srv01.corp.example', HOST, 3389)).toBe(false);
    // A password saved for the server's file shares is not Remote Desktop's.
    expect(credentialMatches('Domain:srv01.corp.example', HOST, 3389)).toBe(false);
    expect(credentialMatches('termsrv/srv01.corp.example', 'SRV01.CORP.EXAMPLE', 3389)).toBe(true);
  });

  it('names the saved entries for this host, from TERMSRV/ on, and warns that a changed password is sent again', () => {
    const r = credentials(
      'Domain:target=TERMSRV/srv01.corp.example',
      'LegacyGeneric:target=TERMSRV/SRV01.corp.example:3389',
      'TERMSRV/other',
    );
    expect(r.summary).toBe(
      `Windows has a saved Remote Desktop password for ${HOST} (TERMSRV/srv01.corp.example, TERMSRV/SRV01.corp.example:3389). If that password changed, it is sent again every time.`,
    );
  });

  it('counts the entries for other computers, and says nothing of them when there are none', () => {
    expect(credentials().summary).toBe(`No saved Remote Desktop password for ${HOST}.`);
    expect(credentials().status).toBe('pass');
    expect(credentials('TERMSRV/a', 'TERMSRV/b').summary).toBe(
      `No saved Remote Desktop password for ${HOST} (2 saved entries for other computers).`,
    );
  });

  it('offers to remove a saved password for this host, and words the likely reason by network', () => {
    const results = withSaved('Domain:target=TERMSRV/srv01.corp.example');
    const home = finding(results, 'home');
    expect(home?.title).toBe('An old saved password may be sent for this computer');
    expect(home?.plain).toMatch(
      /^Windows saved a password for this computer and sends it automatically\..* Removing it makes Remote Desktop ask again\.$/,
    );
    expect(home?.technical).toMatch(/cmdkey \/delete:TERMSRV\/<host>/);
    expect(home?.likelihood).toBe('possible');
    expect(home?.fixIds).toEqual(['remove-saved-credentials']);
    expect(home?.evidence).toEqual([
      {
        checkId: 'client-saved-credentials',
        label: 'Saved passwords',
        value: results.find((r) => r.checkId === 'client-saved-credentials')!.summary,
      },
    ]);
    expect(finding(results, 'domain')?.plain).toMatch(
      /ask again\. On a company network, a recently changed domain password is the usual reason\.$/,
    );
    expect(finding(results, 'azure')?.plain).toMatch(
      /ask again\. For an Azure VM, the password may have been reset in the portal \("Reset password"\)\.$/,
    );
    // On a company network a changed password is the usual reason: ranked higher there.
    expect(finding(results, 'domain')!.score).toBeGreaterThan(home!.score);
    expect(finding(withSaved('TERMSRV/other'), 'home')).toBeUndefined();
  });
});
