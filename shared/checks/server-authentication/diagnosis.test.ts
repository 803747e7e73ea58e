import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverAuthentication } from '../../../test/support/server-results';
import type { ServerAuthenticationFacts } from './catalog';
import { serverAuthenticationDiagnosis } from './diagnosis';

/** A workgroup server as Windows ships it: none of the hardening values written. */
const auth = serverAuthentication;

describe('server-authentication', () => {
  it('reads a server as Windows ships it as passing, in one line of what it accepts', () => {
    const r = auth();
    expect(r.status).toBe('pass');
    expect(r.summary).toBe(
      'Incoming NTLM: Allow all. The server is not in a domain (workgroup). Restricted Admin / Remote Credential Guard: not allowed.',
    );
  });

  it('warns when incoming NTLM is denied for every account, in a workgroup or a domain', () => {
    for (const partOfDomain of [false, true]) {
      const r = auth({ restrictReceivingNtlm: 2, partOfDomain, domain: partOfDomain ? 'corp.example' : null });
      expect(r.status).toBe('warn');
      expect(r.summary).toMatch(/^Incoming NTLM: Deny all accounts\. /);
    }
  });

  it('warns about "deny all domain accounts" only on a domain member (a workgroup server signs in local accounts)', () => {
    const member = auth({ restrictReceivingNtlm: 1, partOfDomain: true, domain: 'corp.example' });
    expect(member.status).toBe('warn');
    expect(member.summary).toContain('Incoming NTLM: Deny all domain accounts. The server is in the domain corp.example.');
    const workgroup = auth({ restrictReceivingNtlm: 1 });
    expect(workgroup.status).toBe('pass');
    expect(workgroup.summary).toContain('Incoming NTLM: Deny all domain accounts. The server is not in a domain (workgroup).');
    expect(auth({ restrictReceivingNtlm: 0, partOfDomain: true, domain: 'corp.example' }).status).toBe('pass');
  });

  it('names a domain it could not read as "?", and a value Windows does not define by its number', () => {
    expect(auth({ partOfDomain: true }).summary).toContain('The server is in the domain ?.');
    const odd = auth({ restrictReceivingNtlm: 7 });
    expect(odd.summary).toMatch(/^Incoming NTLM: 7\. /);
    expect(odd.status).toBe('pass');
  });

  it('allows protected sign-in when either the registry value or the policy turns it on', () => {
    const line = (o: Partial<ServerAuthenticationFacts>) => /Remote Credential Guard: ([a-z ]+)\./.exec(auth(o).summary)?.[1];
    expect(line({ disableRestrictedAdmin: 0 })).toBe('allowed');
    expect(line({ allowProtectedCreds: 1 })).toBe('allowed');
    expect(line({ disableRestrictedAdmin: 1, allowProtectedCreds: 0 })).toBe('not allowed');
    expect(line({ disableRestrictedAdmin: 0, allowProtectedCreds: 0 })).toBe('allowed');
  });

  it('adds the LAN Manager level only when it is set (0 included), and Force Updated Clients only for 0', () => {
    expect(auth({ lmCompatibilityLevel: 5 }).summary).toMatch(/ LAN Manager authentication level 5\.$/);
    expect(auth({ lmCompatibilityLevel: 0 }).summary).toMatch(/ LAN Manager authentication level 0\.$/);
    expect(auth().summary).not.toContain('LAN Manager');
    expect(auth({ allowEncryptionOracle: 0 }).summary).toMatch(/ CredSSP: Force Updated Clients\.$/);
    expect(auth({ allowEncryptionOracle: 2 }).summary).not.toContain('CredSSP');
    expect(auth({ lmCompatibilityLevel: 3, allowEncryptionOracle: 0 }).summary).toMatch(
      /Guard: not allowed\. LAN Manager authentication level 3\. CredSSP: Force Updated Clients\.$/,
    );
  });

  it('names the rules its facts inform by a file that exists', () => {
    const d = serverAuthenticationDiagnosis;
    expect(d.rules).toEqual([]);
    const file = 'informs' in d ? /shared\/diagnosis\/[\w-]+\.ts/.exec(d.informs)?.[0] : undefined;
    expect(file && existsSync(path.join(__dirname, '../../..', file))).toBe(true);
  });
});
