import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportedMessages } from '../reported-error';
import type { Finding } from '../results';
import { considerReportedError, explainReportedError, type ReportedErrorExplanation } from './reported-error-codes';
import { EXTENDED, OTHER, REASONS } from './reported-error-meanings';

/*
 * What the page shows for the error the user typed: Microsoft's name and words for the code, one
 * plain sentence, and the findings it points to. Rows sampled from Microsoft's own pages are
 * checked against those pages; every row is checked for what every row must have.
 */

const hex = (n: number) => `0x${n.toString(16)}`;
const explain = (token: string): ReportedErrorExplanation => {
  const e = explainReportedError(token);
  if (!e) throw new Error(`no explanation for ${token}`);
  return e;
};
const codes = (table: Record<number, unknown>) => Object.keys(table).map(Number);

describe("sampled codes read as Microsoft's pages name them", () => {
  // IMsTscAxEvents::OnDisconnected, MicrosoftDocs/win32 desktop-src/TermServ/imstscaxevents-ondisconnected.md
  // (https://learn.microsoft.com/windows/win32/termserv/imstscaxevents-ondisconnected), name (code (hex)) and words.
  it.each([
    [2308, 'disconnectReasonAtClientWinsockFDCLOSE', 'Socket closed.'],
    [3, 'disconnectReasonByServer', 'Remote disconnection by server. This is not an error code.'],
    [264, 'disconnectReasonConnectionTimedOut', 'Connection timed out.'],
    [260, 'disconnectReasonDNSLookupFailed', 'DNS name lookup failure.'],
    [516, 'disconnectReasonSocketConnectFailed', 'Windows Sockets connect failed.'],
    [518, 'disconnectReasonOutOfMemory2', 'Out of memory.'],
    [1028, 'disconnectReasonSocketRecvFailed', 'Windows Sockets recv call failed.'],
    [1540, 'disconnectReasonGetHostByNameFailed', 'Windows Sockets gethostbyname call failed.'],
    [1798, 'disconnectReasonServerCertificateUnpackErr', 'Failed to unpack server certificate.'],
    [2056, 'disconnectReasonLicensingFailed', 'License negotiation failed.'],
    [2055, 'SSL_ERR_LOGON_FAILURE', 'Login failed.'],
    [3335, 'SSL_ERR_ACCOUNT_LOCKED_OUT', 'The account is locked out.'],
    [6919, 'SSL_ERR_CERT_EXPIRED', 'The received certificate is expired.'],
    [
      8455,
      'SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER',
      'The server authentication policy does not allow connection requests using saved credentials. The user must enter new credentials.',
    ],
  ])('disconnect reason %i is %s', (code, name, words) => {
    expect(explain(hex(code)).technical).toBe(`${hex(code)} = ${code} ${name}: ${words}`);
  });

  // ExtendedDisconnectReasonCode, MicrosoftDocs/win32 desktop-src/TermServ/extendeddisconnectreasoncode.md
  // (https://learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode).
  it.each([
    [0, 'exDiscReasonNoInfo', 'No additional information is available.'],
    [
      3,
      'exDiscReasonServerIdleTimeout',
      'The server has disconnected the client because the client has been idle for a period of time longer than the designated time-out period.',
    ],
    [7, 'exDiscReasonServerDeniedConnection', 'The server denied the connection.'],
    [9, 'exDiscReasonServerInsufficientPrivileges', 'The server denied the connection for security reasons.'],
    [10, 'exDiscReasonServerFreshCredsRequired', 'Fresh credentials are required.'],
    [260, 'exDiscReasonLicenseHwidDoesntMatchLicense', 'The hardware ID does not match the one designated on the software license.'],
    [266, 'exDiscReasonLicenseNoRemoteConnections', 'The remote computer is not licensed to accept remote connections.'],
    [768, 'exDiscReasonRdpEncInvalidCredentials', 'Invalid credentials were encountered.'],
  ])('extended code %i is %s', (code, name, words) => {
    expect(explain(`0x904/${hex(code)}`).technical).toMatch(
      new RegExp(` extended ${hex(code)} ${name}: ${words.replace(/[.()]/g, '\\$&')}$`),
    );
  });
});

describe('every code in the lists', () => {
  it("has its disconnect-reason name, Microsoft's words and a plain sentence on the page", () => {
    expect(codes(REASONS).length).toBeGreaterThan(40);
    for (const code of codes(REASONS)) {
      const e = explain(hex(code));
      expect(e.technical, hex(code)).toMatch(
        new RegExp(`^${hex(code)} = ${code} (disconnectReason[A-Za-z]+[0-9]?|SSL_ERR_[A-Z_]+): [A-Z][^]*\\.$`),
      );
      expect(e.plain, hex(code)).toMatch(new RegExp(`^${hex(code)} means [A-Za-z][^]{12,}[a-z)]\\.$`));
      expect(e.names, hex(code)).not.toMatch(/no name/);
    }
  });

  it('has its extended-code name, words and plain sentence after the reason it came with', () => {
    expect(codes(EXTENDED).length).toBeGreaterThan(25);
    for (const code of codes(EXTENDED).filter((c) => c !== 0)) {
      const e = explain(`0x3/${hex(code)}`);
      expect(e.technical, hex(code)).toMatch(new RegExp(` extended ${hex(code)} (exDiscReason[A-Za-z]+|ERRINFO_[A-Z_]+): [A-Z][^]*\\.$`));
      expect(e.plain, hex(code)).toMatch(
        /^0x3 \(extended 0x[0-9a-f]+\) means the server ended the connection on purpose; [a-z][^]{8,}[a-z]\.$/,
      );
    }
  });

  it('outside both lists: the ones people meet, with a name only where Microsoft gives one', () => {
    for (const code of codes(OTHER)) {
      const e = explain(hex(code));
      expect(e.technical, hex(code)).toMatch(new RegExp(`^${hex(code)} = ${code} (\\(no name\\)|[A-Z][A-Z_]+): [A-Z][^]*\\.$`));
      expect(e.plain, hex(code)).toMatch(new RegExp(`^${hex(code)} means [A-Za-z][^]{12,}[a-z)]\\.$`));
    }
    // Not in OnDisconnected's list: no name is invented for them.
    expect(explain('0x708').technical).toMatch(/^0x708 = 1800 \(no name\): Not in Microsoft's list of disconnect reasons/);
    expect(explain('0x907').technical).toMatch(/^0x907 = 2311 \(no name\): Not in Microsoft's list of disconnect reasons/);
    expect(explain('0xc000006e').technical).toMatch(/STATUS_ACCOUNT_RESTRICTION: The user name and authentication information are valid/);
    // COM Error Codes (https://learn.microsoft.com/windows/win32/com/com-error-codes-1): "Server execution failed".
    expect(explain('0x80080005').technical).toMatch(/^0x80080005 = 2148007941 CO_E_SERVER_EXEC_FAILURE: Server execution failed/);
  });

  it('every dialog without a code has its title, its words, a plain sentence and an article', () => {
    for (const message of reportedMessages) {
      const e = explain(message);
      expect(e.label, message).toMatch(/^"[A-Z][^"]{10,}"$/);
      expect(e.plain, message).toMatch(/^"[A-Z][^"]+" means [a-z][^]{20,}\.$/);
      expect(e.technical, message).toMatch(/^[A-Z][^]{20,}\.$/);
      expect(e.learnMore, message).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    }
    expect(explain('credssp-encryption-oracle').label).toBe('"CredSSP encryption oracle remediation"');
    expect(explain('lsa-cannot-be-contacted').technical).toMatch(/The Local Security Authority cannot be contacted/);
  });
});

/** Every finding id some rule builds: a cause the page names must be one RDP Doctor can actually find. */
function findingIdsInRules(): Set<string> {
  const root = join(__dirname, '..');
  const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => (f.startsWith('diagnosis') || /^checks\/[^/]+\/diagnosis\.ts$/.test(f)) && f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .filter((f) => !/reported-error|causes\.ts$/.test(f))
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n');
  return new Set([...sources.matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)].map((m) => m[1]!));
}

describe('the findings each code points to', () => {
  it('are findings the rules can produce', () => {
    const known = findingIdsInRules();
    const tokens = [
      ...codes(REASONS).map(hex),
      ...codes(EXTENDED).map((c) => `0x3/${hex(c)}`),
      ...codes(OTHER).map(hex),
      ...reportedMessages,
    ];
    const unknown = tokens.flatMap((t) =>
      explain(t)
        .causes.filter((id) => !known.has(id))
        .map((id) => `${t}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it.each([
    // The name: nothing else.
    ['0x104', ['name-does-not-resolve'], ['port-closed']],
    ['0x208', ['name-does-not-resolve'], []],
    // Reaching the port: the port, the firewalls on both sides, the services, the listener.
    [
      '0x204',
      [
        'port-closed',
        'port-filtered',
        'host-unreachable',
        'outbound-blocked',
        'firewall-blocks-rdp',
        'rdp-services-stopped',
        'termservice-dll-replaced',
      ],
      ['certificate-unusable', 'name-does-not-resolve'],
    ],
    // Closed during the security setup: the certificate, its key, TLS, CredSSP, FIPS.
    [
      '0x904/0x7',
      ['certificate-unusable', 'rdp-key-unreadable', 'tls-disabled', 'tls-reset', 'credssp-outdated', 'fips-required'],
      ['port-closed'],
    ],
    // A cut while receiving: either reach or security.
    ['0x404', ['port-filtered', 'vpn-drops-udp', 'tls-reset', 'security-settings-conflict'], ['name-does-not-resolve']],
    // The server's certificate itself.
    [
      '0x706',
      ['certificate-unusable', 'pinned-certificate-changed', 'certificate-not-yet-valid', 'certificate-name-mismatch'],
      ['port-closed'],
    ],
    ['0x907', ['rdp-key-unreadable', 'certificate-name-mismatch'], []],
    // Licensing, this computer's stored license.
    ['0x808', ['license-cache-damaged'], ['certificate-unusable']],
    ['0x3/0x105', ['license-cache-damaged'], []],
    ['0x708', ['connecting-to-itself'], []],
    // The server checked the account: the saved sign-in.
    ['0x2107', ['stale-saved-credentials'], []],
    ['0x3/0xa', ['stale-saved-credentials'], []],
    ['0xc000006e', ['stale-saved-credentials'], ['port-closed']],
    ['credssp-encryption-oracle', ['credssp-outdated', 'credssp-policy-blocks'], []],
    ['internal-error', ['certificate-unusable', 'tls-refused', 'license-cache-damaged'], ['port-closed']],
    ['lsa-cannot-be-contacted', ['tls-disabled', 'fips-required'], ['certificate-unusable']],
  ])('%s points to %j', (token, some, not) => {
    const { causes } = explain(token);
    expect(causes).toEqual(expect.arrayContaining(some));
    for (const id of not) expect(causes).not.toContain(id);
  });

  it('a code nothing RDP Doctor checks can explain points to nothing, and the page says so', () => {
    for (const token of ['0x106', '0x807', '0xd07', '0x3/0x112f', '0x80080005']) {
      const e = explain(token);
      expect(e.causes, token).toEqual([]);
      expect(e.coverage, token).toBe('none');
    }
    expect(explain('0x1').coverage).toBe('not-an-error');
  });

  it('moves the findings of its own kind up, and the other kinds down', () => {
    const finding = (id: string, score: number): Finding => ({
      id,
      title: id,
      plain: id,
      technical: id,
      likelihood: 'likely',
      score,
      evidence: [{ checkId: 'rdp-handshake', label: 'x', value: 'x' }],
      fixIds: [],
    });
    const found = [
      finding('name-does-not-resolve', 50),
      finding('port-filtered', 50),
      finding('tls-reset', 50),
      finding('stale-saved-credentials', 50),
    ];
    const score = (token: string) => Object.fromEntries(considerReportedError(found, token).map((f) => [f.id, f.score]));
    expect(score('0x104')).toEqual({ 'name-does-not-resolve': 65, 'port-filtered': 10, 'tls-reset': 10, 'stale-saved-credentials': 10 });
    expect(score('0x204')).toEqual({ 'name-does-not-resolve': 10, 'port-filtered': 65, 'tls-reset': 10, 'stale-saved-credentials': 10 });
    expect(score('0x904/0x7')).toEqual({
      'name-does-not-resolve': 10,
      'port-filtered': 10,
      'tls-reset': 65,
      'stale-saved-credentials': 10,
    });
    expect(score('account-restriction')).toEqual({
      'name-does-not-resolve': 10,
      'port-filtered': 10,
      'tls-reset': 10,
      'stale-saved-credentials': 65,
    });
  });
});
