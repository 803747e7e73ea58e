import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import type { ClientAuthenticationFacts } from '../checks/client-authentication/catalog';
import type { ServerAuthenticationFacts } from '../checks/server-authentication/catalog';
import type { z } from 'zod';
import type { NetworkFactsSchema } from '../checks/client-network/catalog';
import type { NlaFacts, ProbeReport } from '../probe-facts';
import { clientApp, handshake, nla, result } from '../../test/support/diagnosis-fixtures';
import { exceptionCovers } from '../checks/client-authentication/ntlm-exceptions';
import { kerberosPath, STATUS_NTLM_BLOCKED } from './hardened-auth-rules';
import { diagnose } from './rules';
import { plainTextProblems } from '../catalog/wording';

/*
 * Both computers' sign-in settings side by side: each case is the two computers and what the
 * user typed, and the finding the pair makes (or none, where the pair can still sign in).
 */

const client = (over: Partial<ClientAuthenticationFacts> = {}, host = 'office-pc') =>
  result('client-authentication', {
    host,
    restrictSendingNtlm: null,
    ntlmServerExceptions: null,
    lmCompatibilityLevel: null,
    restrictedRemoteAdministration: null,
    restrictedRemoteAdministrationType: null,
    ...over,
  } satisfies ClientAuthenticationFacts);

const server = (over: Partial<ServerAuthenticationFacts> = {}) =>
  result('server-authentication', {
    restrictReceivingNtlm: null,
    lmCompatibilityLevel: null,
    disableRestrictedAdmin: null,
    allowProtectedCreds: null,
    allowEncryptionOracle: null,
    partOfDomain: false,
    domain: null,
    osBuild: 20348,
    ...over,
  } satisfies ServerAuthenticationFacts);

const network = (domain: string | null) =>
  result('client-network', { adapters: [], domainJoined: domain !== null, domain } satisfies z.infer<typeof NetworkFactsSchema>);

/** The probe's report for what the user typed, with the server's NTLM CHALLENGE (a workgroup server unless said). */
function wire(host: string, stage: NlaFacts = nla(6, 20348)): CheckResult {
  const r = handshake({ 'TLSv1.2': 'yes' }, stage);
  const facts = r.facts as ProbeReport;
  return { ...r, facts: { ...facts, target: { ...facts.target, host } } };
}
const inDomain = (stage: NlaFacts, domain: string): NlaFacts => ({
  ...stage,
  challenge: { ...stage.challenge!, targetType: 'domain', dnsDomain: domain, targetName: domain.split('.')[0]!.toUpperCase() },
});

const find = (id: string, results: CheckResult[]) =>
  diagnose(results, { networkType: 'home', thisComputer: 'LAPTOP-7' }).find((f) => f.id === id);

describe('Kerberos or only NTLM', () => {
  it('an address, a loopback name, a computer outside a domain or a workgroup server each leave only NTLM', () => {
    expect(
      kerberosPath({
        'rdp-handshake': wire('10.0.0.5', inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network('corp.example'),
      }).state,
    ).toBe('impossible');
    expect(
      kerberosPath({
        'rdp-handshake': wire('localhost', inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network('corp.example'),
      }).state,
    ).toBe('impossible');
    expect(
      kerberosPath({
        'rdp-handshake': wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network(null),
      }).state,
    ).toBe('impossible');
    expect(kerberosPath({ 'rdp-handshake': wire('office-pc'), 'client-network': network('corp.example') }).plain).toEqual([
      'the server is not in a domain',
    ]);
  });

  it('by name, both in the same domain: Kerberos can carry it; different domains: only a trust would', () => {
    const byName = { 'rdp-handshake': wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')) };
    expect(kerberosPath({ ...byName, 'client-network': network('CORP.EXAMPLE') }).state).toBe('possible');
    expect(kerberosPath({ ...byName, 'client-network': network('other.example') }).state).toBe('unknown');
  });

  it("the server's own domain membership outranks what its NTLM challenge says", () => {
    const r = { 'rdp-handshake': wire('office-pc', inDomain(nla(6, 20348), 'corp.example')), 'client-network': network('corp.example') };
    expect(kerberosPath({ ...r, 'server-authentication': server({ partOfDomain: false }) }).state).toBe('impossible');
  });
});

describe('the exception list', () => {
  it('matches names without case, with * as a wildcard anywhere, and nothing else', () => {
    expect(exceptionCovers('OFFICE-PC', 'office-pc')).toBe(true);
    expect(exceptionCovers('*.corp.example', 'office-pc.corp.example')).toBe(true);
    expect(exceptionCovers('office*', 'office-pc')).toBe(true);
    expect(exceptionCovers('*.corp.example', 'office-pc')).toBe(false);
    expect(exceptionCovers('10.0.0.5', '10.0.0.50')).toBe(false);
    expect(exceptionCovers('10.0.0.*', '10.0.0.50')).toBe(true);
    expect(exceptionCovers('', 'office-pc')).toBe(false);
  });
});

describe('outgoing NTLM denied on this computer', () => {
  it('by address to a domain server from a domain laptop (the CIS member-server case): certain, both computers named, the exception offered, the secure way first', () => {
    const f = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2 }, '10.0.0.5'),
      network('corp.example'),
      wire('10.0.0.5', inDomain(nla(6, 20348), 'corp.example')),
    ]);
    expect(f?.likelihood).toBe('certain');
    expect(f?.plain).toMatch(
      /^LAPTOP-7: a security setting forbids the older sign-in method .* 10\.0\.0\.5 is not on it\. 10\.0\.0\.5: in the domain corp\.example\. Together: /,
    );
    expect(f?.plain).toMatch(/you typed an address \(10\.0\.0\.5\)/);
    expect(f?.plain.indexOf('The secure way')).toBeLessThan(f!.plain.indexOf('add just this server'));
    expect(f?.fixIds).toEqual(['allow-ntlm-to-server']);
    expect(f?.technical).toMatch(/RestrictSendingNTLMTraffic = 2 \(Deny all\)/);
    expect(f?.evidence.map((e) => e.checkId)).toEqual(['client-authentication', 'rdp-handshake']);
  });

  it('by name between two computers of one domain: only possible (Kerberos carries it), and no exception is offered', () => {
    const f = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2 }, 'office-pc.corp.example'),
      network('corp.example'),
      wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
    ]);
    expect(f?.likelihood).toBe('possible');
    expect(f?.fixIds).toEqual([]);
  });

  it('no finding where the list names the server, where it is only audited, or where nothing is restricted', () => {
    const path = [network(null), wire('10.0.0.5')];
    expect(
      find('ntlm-outgoing-blocked', [client({ restrictSendingNtlm: 2, ntlmServerExceptions: ['10.0.0.*'] }, '10.0.0.5'), ...path]),
    ).toBeUndefined();
    expect(find('ntlm-outgoing-blocked', [client({ restrictSendingNtlm: 1 }, '10.0.0.5'), ...path])).toBeUndefined();
    expect(find('ntlm-outgoing-blocked', [client({}, '10.0.0.5'), ...path])).toBeUndefined();
  });

  it('a wildcard or a hostile target is never offered for the list', () => {
    const f = find('ntlm-outgoing-blocked', [client({ restrictSendingNtlm: 2 }, '*'), network(null), wire('*')]);
    expect(f?.fixIds).toEqual([]);
  });

  it("the check warns only while the target is not excepted (the fix's verification)", () => {
    expect(client({ restrictSendingNtlm: 2 }, '10.0.0.5').status).toBe('warn');
    expect(client({ restrictSendingNtlm: 2, ntlmServerExceptions: ['10.0.0.5'] }, '10.0.0.5').status).toBe('pass');
  });
});

describe('incoming NTLM denied on the server', () => {
  it('Deny all accounts, workgroup server, laptop outside a domain: certain, and no fix (the secure way is named)', () => {
    const f = find('ntlm-incoming-blocked', [client(), network(null), server({ restrictReceivingNtlm: 2 }), wire('office-pc')]);
    expect(f?.likelihood).toBe('certain');
    expect(f?.fixIds).toEqual([]);
    expect(f?.plain).toMatch(/^office-pc: a security setting makes it refuse the older sign-in method for every account\. LAPTOP-7: /);
    expect(f?.plain).toMatch(/RDP Doctor does not change this/);
  });

  it('Deny all domain accounts on a workgroup server lets local accounts in: no finding; in a domain, by address: likely', () => {
    expect(
      find('ntlm-incoming-blocked', [client(), network(null), server({ restrictReceivingNtlm: 1 }), wire('office-pc')]),
    ).toBeUndefined();
    const f = find('ntlm-incoming-blocked', [
      client({}, '10.0.0.5'),
      network('corp.example'),
      server({ restrictReceivingNtlm: 1, partOfDomain: true, domain: 'corp.example' }),
      wire('10.0.0.5', inDomain(nla(6, 20348), 'corp.example')),
    ]);
    expect(f?.likelihood).toBe('likely');
  });

  it('the wire saying STATUS_NTLM_BLOCKED is the same story as the server setting: taken in as its evidence', () => {
    const blocked: NlaFacts = { ...nla(6, 20348), outcome: 'error-code', errorCode: STATUS_NTLM_BLOCKED, challenge: null };
    const alone = diagnose([wire('office-pc', blocked)]).map((f) => f.id);
    expect(alone).toContain('ntlm-blocked-on-wire');
    const findings = diagnose([client(), network(null), server({ restrictReceivingNtlm: 2 }), wire('office-pc', blocked)]);
    expect(findings[0]?.id).toBe('ntlm-incoming-blocked');
    expect(findings.map((f) => f.id)).not.toContain('ntlm-blocked-on-wire');
  });
});

describe('LAN Manager level, protected sign-in, CredSSP policy', () => {
  it('a client sending NTLMv1 only against a server accepting NTLMv2 only, with no Kerberos: likely; Windows defaults on either side: nothing', () => {
    const f = find('lm-level-refused', [
      client({ lmCompatibilityLevel: 2 }),
      network(null),
      server({ lmCompatibilityLevel: 5 }),
      wire('office-pc'),
    ]);
    expect(f?.likelihood).toBe('likely');
    expect(f?.evidence.map((e) => e.value)).toEqual(['2: Send NTLM response only', '5: Send NTLMv2 response only. Refuse LM & NTLM']);
    expect(
      find('lm-level-refused', [
        client({ lmCompatibilityLevel: null }),
        network(null),
        server({ lmCompatibilityLevel: 5 }),
        wire('office-pc'),
      ]),
    ).toBeUndefined();
    expect(
      find('lm-level-refused', [
        client({ lmCompatibilityLevel: 1 }),
        network(null),
        server({ lmCompatibilityLevel: 4 }),
        wire('office-pc'),
      ]),
    ).toBeUndefined();
  });

  it('Restricted Admin required here, not allowed there: certain; allowed by DisableRestrictedAdmin 0 or the policy: nothing', () => {
    const required = client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 1 });
    const f = find('restricted-admin-refused', [required, network(null), server(), wire('office-pc')]);
    expect(f?.likelihood).toBe('certain');
    expect(f?.technical).toMatch(/DisableRestrictedAdmin = absent, AllowProtectedCreds = absent/);
    expect(
      find('restricted-admin-refused', [required, network(null), server({ disableRestrictedAdmin: 0 }), wire('office-pc')]),
    ).toBeUndefined();
    expect(
      find('restricted-admin-refused', [required, network(null), server({ allowProtectedCreds: 1 }), wire('office-pc')]),
    ).toBeUndefined();
  });

  it('Remote Credential Guard required: an allowing server still fails by address (Kerberos only) or before Server 2016', () => {
    const guard = client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2 }, '10.0.0.5');
    const byAddress = find('restricted-admin-refused', [
      guard,
      network('corp.example'),
      server({ disableRestrictedAdmin: 0, partOfDomain: true, domain: 'corp.example' }),
      wire('10.0.0.5', inDomain(nla(6, 20348), 'corp.example')),
    ]);
    expect(byAddress?.likelihood).toBe('certain');
    const old = find('restricted-admin-refused', [
      client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2 }, 'office-pc.corp.example'),
      network('corp.example'),
      server({ disableRestrictedAdmin: 0, partOfDomain: true, domain: 'corp.example', osBuild: 9600 }),
      wire('office-pc.corp.example', inDomain(nla(6, 9600), 'corp.example')),
    ]);
    expect(old?.plain).toMatch(/too old/);
  });

  it('the server forcing updated clients against a client from before the 2018 fix: likely; a current client: nothing', () => {
    expect(
      find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 0 }), clientApp(16299), wire('office-pc')])?.likelihood,
    ).toBe('likely');
    expect(
      find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 0 }), clientApp(22631), wire('office-pc')]),
    ).toBeUndefined();
  });

  it('every finding these rules make is plain for home users, whatever the branch', () => {
    const all = [
      ...diagnose([
        client(
          { restrictSendingNtlm: 2, lmCompatibilityLevel: 0, restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2 },
          '10.0.0.5',
        ),
        network(null),
        server({ restrictReceivingNtlm: 2, lmCompatibilityLevel: 5, allowEncryptionOracle: 0 }),
        clientApp(16299),
        wire('10.0.0.5'),
      ]),
    ].filter((f) =>
      [
        'ntlm-outgoing-blocked',
        'ntlm-incoming-blocked',
        'lm-level-refused',
        'restricted-admin-refused',
        'credssp-server-forces-updated',
      ].includes(f.id),
    );
    expect(all).toHaveLength(5);
    for (const f of all) expect(plainTextProblems(`${f.title} ${f.plain}`), f.id).toEqual([]);
  });
});
