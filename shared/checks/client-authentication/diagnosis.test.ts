import { describe, expect, it } from 'vitest';
import { authentication } from '../../../test/support/client-results';
import type { ClientAuthenticationFacts } from './catalog';

const client = (over: Partial<ClientAuthenticationFacts> = {}) => authentication(over, 'office-pc.corp.example');

describe('client-authentication, as the user reads it', () => {
  it('names the outgoing NTLM setting, Allow all when it is not set', () => {
    expect(client().status).toBe('pass');
    expect(client().summary).toBe('Outgoing NTLM: Allow all.');
    expect(client({ restrictSendingNtlm: 1 }).summary).toBe('Outgoing NTLM: Audit all.');
    // A value secpol.msc never writes is shown as the number it is.
    expect(client({ restrictSendingNtlm: 7 }).summary).toBe('Outgoing NTLM: 7.');
  });

  it('warns when outgoing NTLM is denied and the target is not on the exception list, and names the list', () => {
    const empty = client({ restrictSendingNtlm: 2 });
    expect(empty.status).toBe('warn');
    expect(empty.summary).toBe(
      'Outgoing NTLM: Deny all, and office-pc.corp.example is not on the exception list (empty): only Kerberos can sign in to it.',
    );
    const others = client({ restrictSendingNtlm: 2, ntlmServerExceptions: ['fs01', '*.lab.example'] });
    expect(others.status).toBe('warn');
    expect(others.summary).toBe(
      'Outgoing NTLM: Deny all, and office-pc.corp.example is not on the exception list (fs01, *.lab.example): only Kerberos can sign in to it.',
    );
  });

  it('passes when the exception list covers the target, by name or by wildcard', () => {
    const listed = client({ restrictSendingNtlm: 2, ntlmServerExceptions: ['fs01', '*.corp.example'] });
    expect(listed.status).toBe('pass');
    expect(listed.summary).toBe('Outgoing NTLM: Deny all, but office-pc.corp.example is on the exception list.');
  });

  it('adds the sign-in restrictions that shape how it signs in: protected sign-in and an old LAN Manager level', () => {
    const r = client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2, lmCompatibilityLevel: 2 });
    expect(r.status).toBe('pass');
    expect(r.summary).toBe(
      'Outgoing NTLM: Allow all. Remote Desktop must use Restricted Admin or Remote Credential Guard (type 2). LAN Manager authentication level 2: no NTLMv2 responses.',
    );
    expect(client({ restrictedRemoteAdministration: 1 }).summary).toBe(
      'Outgoing NTLM: Allow all. Remote Desktop must use Restricted Admin or Remote Credential Guard (type not set).',
    );
    // The policy turned off (0), and levels 3..5 (which send NTLMv2), say nothing more.
    expect(client({ restrictedRemoteAdministration: 0, restrictedRemoteAdministrationType: 1, lmCompatibilityLevel: 3 }).summary).toBe(
      'Outgoing NTLM: Allow all.',
    );
    expect(client({ lmCompatibilityLevel: 0 }).summary).toBe(
      'Outgoing NTLM: Allow all. LAN Manager authentication level 0: no NTLMv2 responses.',
    );
  });

  it('keeps those notes after the deny-all sentence, whether or not the target is listed', () => {
    expect(client({ restrictSendingNtlm: 2, lmCompatibilityLevel: 1 }).summary).toMatch(
      /only Kerberos can sign in to it\. LAN Manager authentication level 1: no NTLMv2 responses\.$/,
    );
    expect(client({ restrictSendingNtlm: 2, ntlmServerExceptions: ['office-pc*'], restrictedRemoteAdministration: 1 }).summary).toBe(
      'Outgoing NTLM: Deny all, but office-pc.corp.example is on the exception list. Remote Desktop must use Restricted Admin or Remote Credential Guard (type not set).',
    );
  });
});
