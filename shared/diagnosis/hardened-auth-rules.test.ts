import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../results';
import type { ClientAuthenticationFacts } from '../checks/client-authentication/catalog';
import type { z } from 'zod';
import type { NetworkFactsSchema } from '../checks/client-network/catalog';
import type { NlaFacts, ProbeReport } from '../probe-facts';
import { clientApp, handshake, nla, result } from '../../test/support/diagnosis-fixtures';
import { authentication } from '../../test/support/client-results';
import { serverAuthentication } from '../../test/support/server-results';
import { exceptionCovers } from '../checks/client-authentication/ntlm-exceptions';
import { kerberosPath, STATUS_NTLM_BLOCKED } from './hardened-auth-rules';
import { diagnose } from './rules';
import { plainTextProblems } from '../catalog/wording';

/*
 * Both computers' sign-in settings side by side: each case is the two computers and what the
 * user typed, and the finding the pair makes (or none, where the pair can still sign in).
 */

const client = (over: Partial<ClientAuthenticationFacts> = {}, host = 'office-pc') => authentication(over, host);

const server = serverAuthentication;

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

describe('what the sign-in findings say, word for word where it matters', () => {
  const byAddressInDomain = (host = '10.0.0.5') => [network('corp.example'), wire(host, inDomain(nla(6, 20348), 'corp.example'))];

  it('why Kerberos cannot carry it: each reason in plain and technical words', () => {
    const k = kerberosPath({
      'rdp-handshake': wire('10.0.0.5'),
      'client-network': network(null),
    });
    expect(k).toEqual({
      state: 'impossible',
      plain: [
        "you typed an address (10.0.0.5), and the domain sign-in needs the server's name",
        'this computer is not in a domain',
        'the server is not in a domain',
      ],
      technical: [
        'target "10.0.0.5" is an address or loopback name: the SPN TERMSRV/10.0.0.5 matches no account, so Negotiate uses NTLM',
        'this computer: Win32_ComputerSystem PartOfDomain = False',
        'server: its NTLM CHALLENGE says workgroup (TargetName OFFICE-PC)',
      ],
    });
    expect(kerberosPath({ 'server-authentication': server({ partOfDomain: false }) }).technical).toEqual([
      'server: Win32_ComputerSystem PartOfDomain = False',
    ]);
    expect(kerberosPath({ 'rdp-handshake': wire('[fe80::1]'), 'client-network': network('corp.example') }).plain[0]).toMatch(
      /^you typed an address \(\[fe80::1\]\)/,
    );
    expect(kerberosPath({ 'rdp-handshake': wire('LOCALHOST.'), 'client-network': network('corp.example') }).state).toBe('impossible');
    // A name that only looks like a number is a name.
    expect(
      kerberosPath({
        'rdp-handshake': wire('10.0.0.5.corp.example', inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network('corp.example'),
      }).state,
    ).toBe('possible');
  });

  it('two domains: names both; one side unknown: nothing to say yet', () => {
    const other = kerberosPath({
      'rdp-handshake': wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
      'client-network': network('other.example'),
    });
    expect(other).toEqual({
      state: 'unknown',
      plain: [
        'the two computers are in different domains (other.example and corp.example), which works only if the domains trust each other',
      ],
      technical: ['this computer: domain other.example; server: domain corp.example'],
    });
    expect(kerberosPath({ 'rdp-handshake': wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')) })).toEqual({
      state: 'unknown',
      plain: [],
      technical: [],
    });
    expect(
      kerberosPath({
        'rdp-handshake': wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network('corp.example'),
      }).technical,
    ).toEqual(['both in the domain corp.example, connecting by name']);
  });

  it('outgoing: the title, the server side in its own words, the exceptions, the score by how sure', () => {
    const certain = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2, ntlmServerExceptions: ['other-pc', 'files.corp.example'] }, '10.0.0.5'),
      server({ partOfDomain: true, domain: 'corp.example', restrictReceivingNtlm: 2 }),
      ...byAddressInDomain(),
    ])!;
    expect(certain.title).toBe('LAPTOP-7 refuses the older sign-in method, and 10.0.0.5 can only be reached with it');
    expect(certain.score).toBe(96);
    expect(certain.plain).toContain('10.0.0.5: in the domain corp.example, and it refuses the older method too.');
    expect(certain.plain).toContain(
      "Together: Windows cannot use the domain sign-in here (you typed an address (10.0.0.5), and the domain sign-in needs the server's name), so only the older method is left, and LAPTOP-7 refuses it. That is why the connection fails at the sign-in step.",
    );
    expect(certain.technical).toMatch(
      /^This computer: RestrictSendingNTLMTraffic = 2 \(Deny all\), ClientAllowedNTLMServers: other-pc, files\.corp\.example \(HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\MSV1_0\)\. Server: 10\.0\.0\.5\. Kerberos: target "10\.0\.0\.5" is an address/,
    );
    expect(certain.evidence).toEqual([
      {
        checkId: 'client-authentication',
        label: 'Outgoing sign-in on LAPTOP-7',
        value: 'Deny all; exceptions: other-pc, files.corp.example',
      },
      {
        checkId: 'rdp-handshake',
        label: 'Why only the older sign-in method is left',
        value: "Connecting to 10.0.0.5: you typed an address (10.0.0.5), and the domain sign-in needs the server's name",
      },
    ]);

    const unknown = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2, ntlmServerExceptions: [] }, 'office-pc.corp.example'),
      wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
    ])!;
    expect(unknown).toMatchObject({ likelihood: 'likely', score: 68, fixIds: ['allow-ntlm-to-server'] });
    expect(unknown.plain).toContain('office-pc.corp.example: in the domain corp.example.');
    expect(unknown.plain).toContain(
      'Together: if Windows cannot use the domain sign-in, only the older method is left, and LAPTOP-7 refuses it.',
    );
    expect(unknown.technical).toContain('ClientAllowedNTLMServers: empty');
    expect(unknown.technical).toContain('Kerberos: could not be judged.');
    expect(unknown.evidence[0]!.value).toBe('Deny all; exceptions: none');
    expect(unknown.evidence[1]!.value).toBe('Not known from here');

    const possible = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2 }, 'office-pc.corp.example'),
      network('corp.example'),
      wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
    ])!;
    expect(possible.score).toBe(22);
    expect(possible.plain).toContain(
      'Together: both computers are in the domain and you connect by name, so Windows should use the domain sign-in; only if that fails',
    );
    expect(possible.technical).toContain('ClientAllowedNTLMServers: absent');
  });

  it('without a connection test or a name: "the server", and nothing to add to the list', () => {
    const f = diagnose([client({ restrictSendingNtlm: 2 }), network(null)], { networkType: 'home' }).find(
      (x) => x.id === 'ntlm-outgoing-blocked',
    )!;
    expect(f.title).toBe('This computer refuses the older sign-in method, and the server can only be reached with it');
    expect(f.plain).toContain('the server: its settings were not read from here.');
    expect(f.fixIds).toEqual([]);
  });

  it('incoming: which accounts, the domain in the technical words, the score held below certain for domain accounts', () => {
    const all = find('ntlm-incoming-blocked', [client(), network(null), server({ restrictReceivingNtlm: 2 }), wire('office-pc')])!;
    expect(all.title).toBe('office-pc refuses the older sign-in method, and this connection can only use it');
    expect(all.score).toBe(96);
    expect(all.plain).toContain('LAPTOP-7: this computer is not in a domain and the server is not in a domain.');
    expect(all.plain).toContain(
      'Together: Windows cannot use the domain sign-in, so only the older method is left, and the server refuses it: that is why the connection fails at the sign-in step.',
    );
    expect(all.technical).toMatch(/^Server: RestrictReceivingNTLMTraffic = 2 \(Deny all accounts\) under .*; domain none \(workgroup\)\./);
    expect(all.evidence[0]).toEqual({
      checkId: 'server-authentication',
      label: 'Incoming sign-in on office-pc',
      value: 'Deny all accounts',
    });

    const domain = find('ntlm-incoming-blocked', [
      client({}, '10.0.0.5'),
      server({ restrictReceivingNtlm: 1, partOfDomain: true, domain: 'corp.example' }),
      ...byAddressInDomain(),
    ])!;
    expect(domain).toMatchObject({ likelihood: 'likely', score: 70 });
    expect(domain.plain).toMatch(
      /^10\.0\.0\.5: a security setting makes it refuse the older sign-in method for domain accounts \(a local account of the server still gets in\)\./,
    );
    expect(domain.technical).toContain('; domain corp.example.');

    const unsure = find('ntlm-incoming-blocked', [
      server({ restrictReceivingNtlm: 1, partOfDomain: true, domain: 'corp.example' }),
      wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
    ])!;
    expect(unsure).toMatchObject({ likelihood: 'likely', score: 68 });
    expect(unsure.plain).toContain("LAPTOP-7: can only be judged with the server's domain in view.");
    expect(unsure.plain).toContain(
      'Together: if Windows cannot use the domain sign-in, only the older method is left, and the server refuses it.',
    );
  });

  it('LAN Manager level: the title, both levels in the technical words; without a clear path: possible', () => {
    const f = find('lm-level-refused', [
      client({ lmCompatibilityLevel: 0 }),
      network(null),
      server({ lmCompatibilityLevel: 5 }),
      wire('office-pc'),
    ])!;
    expect(f.title).toBe('LAPTOP-7 answers with an old sign-in version that office-pc refuses');
    expect(f.score).toBe(72);
    expect(f.technical).toMatch(
      /^This computer: LmCompatibilityLevel = 0 \(Send LM & NTLM responses\)\. Server: LmCompatibilityLevel = 5 \(Send NTLMv2 response only\. Refuse LM & NTLM\)/,
    );
    expect(f.plain).toContain(
      'Together: Windows cannot use the domain sign-in here (this computer is not in a domain and the server is not in a domain)',
    );
    expect(f.evidence[1]).toEqual({
      checkId: 'server-authentication',
      label: 'Sign-in versions office-pc accepts',
      value: '5: Send NTLMv2 response only. Refuse LM & NTLM',
    });
    const unsure = find('lm-level-refused', [
      client({ lmCompatibilityLevel: 1 }),
      server({ lmCompatibilityLevel: 5, partOfDomain: true, domain: 'corp.example' }),
      wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
    ])!;
    expect(unsure).toMatchObject({ likelihood: 'possible', score: 35 });
    expect(unsure.plain).toContain('Together: when Windows cannot use the domain sign-in, the two cannot agree on a sign-in.');
    expect(unsure.technical).toContain('Kerberos: could not be judged.');
    // Level 3 (the Windows default) sends NTLMv2: nothing.
    expect(
      find('lm-level-refused', [
        client({ lmCompatibilityLevel: 3 }),
        network(null),
        server({ lmCompatibilityLevel: 5 }),
        wire('office-pc'),
      ]),
    ).toBeUndefined();
    // Both in one domain by name: Kerberos carries it.
    expect(
      find('lm-level-refused', [
        client({ lmCompatibilityLevel: 1 }, 'office-pc.corp.example'),
        network('corp.example'),
        server({ lmCompatibilityLevel: 5, partOfDomain: true, domain: 'corp.example' }),
        wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
      ]),
    ).toBeUndefined();
  });

  it('protected sign-in: the kind required by name; the server unread: possible, and it says so', () => {
    const unread = find('restricted-admin-refused', [client({ restrictedRemoteAdministration: 1 }), network(null), wire('office-pc')])!;
    expect(unread).toMatchObject({ likelihood: 'possible', score: 30 });
    expect(unread.title).toBe('LAPTOP-7 insists on a protected sign-in that office-pc does not allow');
    expect(unread.plain).toContain(
      'LAPTOP-7: a company policy makes Remote Desktop insist on one of the protected sign-ins that keep your password off the server. office-pc: its settings could not be read from here; it must allow protected sign-ins.',
    );
    expect(unread.plain).toContain('Together: if the server does not allow them, the connection fails at the sign-in step.');
    expect(unread.technical).toContain('RestrictedRemoteAdministrationType = absent (Restrict credential delegation)');
    expect(unread.technical).toContain('Server: not read (its checks did not run).');
    expect(unread.evidence).toEqual([
      { checkId: 'client-authentication', label: 'Protected sign-in required by LAPTOP-7', value: 'Restrict credential delegation' },
    ]);

    const refused = find('restricted-admin-refused', [
      client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 1 }),
      network(null),
      server({ disableRestrictedAdmin: 1 }),
      wire('office-pc'),
    ])!;
    expect(refused.score).toBe(95);
    expect(refused.plain).toContain('office-pc: it does not allow protected sign-ins.');
    expect(refused.plain).toContain('Together: Remote Desktop refuses to sign in any other way');
    expect(refused.technical).toContain('server: DisableRestrictedAdmin = 1, AllowProtectedCreds = absent');
    expect(refused.evidence[1]).toEqual({
      checkId: 'server-authentication',
      label: 'Protected sign-ins on office-pc',
      value: 'not allowed',
    });

    const guard = find('restricted-admin-refused', [
      client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2 }, '10.0.0.5'),
      server({ allowProtectedCreds: 1, partOfDomain: true, domain: 'corp.example', osBuild: 9600 }),
      ...byAddressInDomain(),
    ])!;
    expect(guard.plain).toContain(
      "10.0.0.5: the password-on-this-computer kind needs the domain sign-in, and you typed an address (10.0.0.5), and the domain sign-in needs the server's name and its Windows is too old for the password-on-this-computer kind.",
    );
    expect(guard.technical).toContain('server build 9600 < 14393');
    expect(guard.evidence[1]!.value).toBe('allowed');
    // Windows Server 2016 (14393) is new enough.
    expect(
      find('restricted-admin-refused', [
        client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2 }, 'office-pc.corp.example'),
        network('corp.example'),
        server({ allowProtectedCreds: 1, partOfDomain: true, domain: 'corp.example', osBuild: 14393 }),
        wire('office-pc.corp.example', inDomain(nla(6, 14393), 'corp.example')),
      ]),
    ).toBeUndefined();
  });

  it('CredSSP forced on the server: the title names both computers, the build in the words; 17134 and later, or no build, nothing', () => {
    const f = find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 0 }), clientApp(17133), wire('office-pc')])!;
    expect(f.title).toBe('office-pc refuses computers without the 2018 sign-in security update, and LAPTOP-7 may lack it');
    expect(f.plain).toContain('Install the current updates on LAPTOP-7');
    expect(f.technical).toContain('This computer: Windows build 17133, before 17134');
    expect(f.evidence).toEqual([
      { checkId: 'server-authentication', label: 'CredSSP policy on office-pc', value: 'Force Updated Clients (0)' },
      { checkId: 'client-rdp-app', label: 'Windows on LAPTOP-7', value: 'build 17133' },
    ]);
    expect(
      find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 0 }), clientApp(17134), wire('office-pc')]),
    ).toBeUndefined();
    expect(
      find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 1 }), clientApp(16299), wire('office-pc')]),
    ).toBeUndefined();
    expect(find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 0 }), wire('office-pc')])).toBeUndefined();
  });

  it('STATUS_NTLM_BLOCKED on the wire alone: likely, its CredSSP version in the technical words', () => {
    const blocked: NlaFacts = { ...nla(6, 20348), outcome: 'error-code', errorCode: STATUS_NTLM_BLOCKED, challenge: null };
    const f = diagnose([wire('office-pc', blocked)]).find((x) => x.id === 'ntlm-blocked-on-wire')!;
    expect(f).toMatchObject({
      title: 'The server said at the sign-in step that the older sign-in method is blocked',
      likelihood: 'likely',
      evidence: [{ checkId: 'rdp-handshake', label: 'Server sign-in step', value: 'errorCode 0xC0000418 (STATUS_NTLM_BLOCKED)' }],
    });
    expect(f.technical).toMatch(/^CredSSP TSRequest version 6 with errorCode 0xC0000418/);
    const other: NlaFacts = { ...blocked, errorCode: 0xc000006d };
    expect(diagnose([wire('office-pc', other)]).map((x) => x.id)).not.toContain('ntlm-blocked-on-wire');
  });
});

describe('the sign-in findings, the rest of their words', () => {
  it('what counts as an address or a loopback name: the whole name only', () => {
    const state = (host: string) =>
      kerberosPath({
        'rdp-handshake': wire(host, inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network('corp.example'),
      }).state;
    expect(state('10.20.30.40')).toBe('impossible');
    expect(state('pc10.0.0.5')).toBe('possible');
    expect(state('10.0.0.5.nip.example')).toBe('possible');
    expect(state('fe80::1%eth0')).toBe('impossible');
    expect(state('localhost')).toBe('impossible');
    expect(state('mylocalhost')).toBe('possible');
    expect(state('localhost.corp.example')).toBe('possible');
    expect(
      kerberosPath({
        'rdp-handshake': wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
        'client-network': network('corp.example'),
      }),
    ).toEqual({ state: 'possible', plain: [], technical: ['both in the domain corp.example, connecting by name'] });
  });

  it('three reasons read as one list; without a name for this computer, "this computer"', () => {
    const f = diagnose([client({ restrictSendingNtlm: 2 }, '10.0.0.5'), network(null), wire('10.0.0.5')], { networkType: 'home' }).find(
      (x) => x.id === 'ntlm-outgoing-blocked',
    )!;
    expect(f.plain).toContain(
      "Together: Windows cannot use the domain sign-in here (you typed an address (10.0.0.5), and the domain sign-in needs the server's name, this computer is not in a domain and the server is not in a domain), so only the older method is left, and this computer refuses it.",
    );
    expect(f.plain).toMatch(/^This computer: a security setting forbids/);
    expect(f.evidence[0]!.label).toBe('Outgoing sign-in on this computer');
    expect(f.technical).toContain(
      'Kerberos: target "10.0.0.5" is an address or loopback name: the SPN TERMSRV/10.0.0.5 matches no account, so Negotiate uses NTLM; this computer: Win32_ComputerSystem PartOfDomain = False; server: its NTLM CHALLENGE says workgroup (TargetName OFFICE-PC). Deny all:',
    );
  });

  it("the server's side in its own words: outside a domain and accepting the older method, or as its sign-in step said", () => {
    const own = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2 }, '10.0.0.5'),
      server({ restrictReceivingNtlm: 1 }),
      wire('10.0.0.5'),
    ])!;
    expect(own.plain).toContain('10.0.0.5: not in a domain, and it accepts the older method.');
    const bare = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2 }, '10.0.0.5'),
      server({ partOfDomain: true, domain: null }),
      wire('10.0.0.5'),
    ])!;
    expect(bare.plain).toContain('10.0.0.5: in the domain, and it accepts the older method.');
    const workgroup = find('ntlm-outgoing-blocked', [client({ restrictSendingNtlm: 2 }, '10.0.0.5'), wire('10.0.0.5')])!;
    expect(workgroup.plain).toContain('10.0.0.5: not in a domain (it said so at the sign-in step).');
    const n = nla(6, 20348);
    const unnamed = find('ntlm-outgoing-blocked', [
      client({ restrictSendingNtlm: 2 }, '10.0.0.5'),
      wire('10.0.0.5', { ...n, challenge: { ...n.challenge!, targetType: 'domain', dnsDomain: null } }),
    ])!;
    expect(unnamed.plain).toContain('10.0.0.5: in the domain.');
  });

  it('incoming: the rest of its words, and no fix', () => {
    const f = find('ntlm-incoming-blocked', [client(), network(null), server({ restrictReceivingNtlm: 2 }), wire('office-pc')])!;
    expect(f.fixIds).toEqual([]);
    expect(f.technical).toMatch(
      /Kerberos: this computer: Win32_ComputerSystem PartOfDomain = False; server: Win32_ComputerSystem PartOfDomain = False\. The server "will deny NTLM authentication requests/,
    );
    const unsure = find('ntlm-incoming-blocked', [
      server({ restrictReceivingNtlm: 2, partOfDomain: true, domain: 'corp.example' }),
      wire('office-pc.corp.example'),
    ])!;
    expect(unsure.technical).toContain('Kerberos: could not be judged. The server');
    expect(
      find('ntlm-incoming-blocked', [client(), network(null), server({ restrictReceivingNtlm: 0 }), wire('office-pc')]),
    ).toBeUndefined();
    expect(
      find('ntlm-incoming-blocked', [client(), network(null), server({ restrictReceivingNtlm: null }), wire('office-pc')]),
    ).toBeUndefined();
  });

  it('LAN Manager level: every level by its name, both computers in the words, no fix', () => {
    const f = (level: number) =>
      find('lm-level-refused', [
        client({ lmCompatibilityLevel: level }),
        network(null),
        server({ lmCompatibilityLevel: 5 }),
        wire('office-pc'),
      ])!;
    expect(f(1).evidence[0]).toEqual({
      checkId: 'client-authentication',
      label: 'Sign-in version on LAPTOP-7',
      value: '1: Send LM & NTLM - use NTLMv2 session security if negotiated',
    });
    expect(f(2).fixIds).toEqual([]);
    expect(f(0).plain).toMatch(
      /^LAPTOP-7: a security setting makes it answer with the oldest versions of the older sign-in method\. office-pc: a security setting makes it accept only the newest version\. /,
    );
    expect(f(0).plain).toMatch(/The fix is on LAPTOP-7 and makes it safer, not weaker: set its level back to the Windows default/);
    expect(f(0).technical).toContain(
      'Kerberos: this computer: Win32_ComputerSystem PartOfDomain = False; server: Win32_ComputerSystem PartOfDomain = False. Default (absent): 3.',
    );
  });

  it('protected sign-in: each kind by name, the secure way, no fix; the Credential Guard reasons in technical words', () => {
    const kind = (type: number | null) =>
      find('restricted-admin-refused', [
        client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: type }),
        network(null),
        server(),
        wire('office-pc'),
      ])!;
    expect(kind(1).evidence[0]!.value).toBe('Require Restricted Admin');
    expect(kind(1).plain).toContain('insist on a protected sign-in that keeps your password off the server (Restricted Admin).');
    expect(kind(2).evidence[0]!.value).toBe('Require Remote Credential Guard');
    expect(kind(2).plain).toContain('insist on a protected sign-in that keeps your password on this computer (Remote Credential Guard).');
    expect(kind(7).evidence[0]!.value).toBe('Restrict credential delegation');
    expect(kind(1).fixIds).toEqual([]);
    expect(kind(1).plain).toContain('RDP Doctor changes neither side: the policy protects your password');
    expect(kind(2).technical).toContain(
      'Remote Credential Guard needs Kerberos: this computer: Win32_ComputerSystem PartOfDomain = False; server: Win32_ComputerSystem PartOfDomain = False',
    );
    // The policy switched off: nothing.
    expect(
      find('restricted-admin-refused', [
        client({ restrictedRemoteAdministration: 0, restrictedRemoteAdministrationType: 1 }),
        network(null),
        server(),
        wire('office-pc'),
      ]),
    ).toBeUndefined();
    // Credential Guard against a server whose build is unknown: only what is known is said.
    const unknownBuild = find('restricted-admin-refused', [
      client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 2 }, 'office-pc.corp.example'),
      network('corp.example'),
      server({ disableRestrictedAdmin: 0, partOfDomain: true, domain: 'corp.example', osBuild: null }),
      wire('office-pc.corp.example', inDomain(nla(6, 20348), 'corp.example')),
    ]);
    expect(unknownBuild).toBeUndefined();
    // Restricted Admin (not Credential Guard) on an old server that allows it: nothing about its age.
    expect(
      find('restricted-admin-refused', [
        client({ restrictedRemoteAdministration: 1, restrictedRemoteAdministrationType: 1 }),
        network(null),
        server({ disableRestrictedAdmin: 0, osBuild: 9600 }),
        wire('office-pc'),
      ]),
    ).toBeUndefined();
  });

  it('CredSSP forced and the wire saying blocked: their words and no fix', () => {
    const forced = find('credssp-server-forces-updated', [server({ allowEncryptionOracle: 0 }), clientApp(16299), wire('office-pc')])!;
    expect(forced.fixIds).toEqual([]);
    expect(forced.plain).toMatch(
      /^office-pc: a security policy refuses computers that miss the May 2018 security update for Remote Desktop sign-in \(CredSSP\)\. LAPTOP-7: runs a Windows version from before that update/,
    );
    const blocked: NlaFacts = { ...nla(6, 20348), outcome: 'error-code', errorCode: STATUS_NTLM_BLOCKED, challenge: null };
    const f = diagnose([wire('office-pc', blocked)]).find((x) => x.id === 'ntlm-blocked-on-wire')!;
    expect(f.fixIds).toEqual([]);
    expect(f.plain).toMatch(
      /^When RDP Doctor started the sign-in step \(without a password\), the server answered that the older sign-in method is blocked\./,
    );
    // The same code in a stage that did not end with an error code is not a refusal.
    const odd: NlaFacts = { ...nla(6, 20348), errorCode: STATUS_NTLM_BLOCKED };
    expect(diagnose([wire('office-pc', odd)]).map((x) => x.id)).not.toContain('ntlm-blocked-on-wire');
  });
});
