import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { checks } from './checks';
import { fixes } from './fixes';
import { plainLines, plainTextProblems } from './wording';
import { inOneWord, OTHER_UNDO_WORDS, WORDS } from './words';
import { NEGOTIATION_FAILURES } from '../probe-facts';
import { learnMore } from './learn-more';
import { isHelpLink } from '../../electron/main/help-links';

/*
 * Every check and every finding has a plain text for everyone and a technical one for helpdesk,
 * and the plain one keeps out what wording.ts lists. Findings are built by many branches of the
 * rules, so their texts are read from the rule sources: every object literal that has `plain`
 * and `likelihood` is a finding, whichever branch builds it.
 */

const DIAGNOSIS = join(__dirname, '../diagnosis');
const CHECKS = join(__dirname, '../checks');
const ruleFiles = [
  join(DIAGNOSIS, 'probe-verdict.ts'),
  ...readdirSync(DIAGNOSIS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('rules.ts') || (f.startsWith('wire') && f.endsWith('.ts') && !f.endsWith('.test.ts')))
    .map((f) => join(DIAGNOSIS, f)),
  // A check's own rules live beside it (shared/checks/<check-id>/diagnosis.ts).
  ...readdirSync(CHECKS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('diagnosis.ts'))
    .map((f) => join(CHECKS, f)),
];

interface FindingLiteral {
  where: string;
  title: string[];
  plain: string[];
  technical: string[];
}

/** The fixed text of an expression: its string parts, and those of same-file constants it names. */
function textParts(node: ts.Node, consts: Map<string, ts.Node>, seen = new Set<string>()): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) {
      out.push(n.head.text);
      for (const span of n.templateSpans) {
        visit(span.expression);
        out.push(span.literal.text);
      }
      return;
    } else if (ts.isIdentifier(n) && consts.has(n.text) && !seen.has(n.text)) {
      seen.add(n.text);
      out.push(...textParts(consts.get(n.text)!, consts, seen));
    } else if (ts.isPropertyAssignment(n)) {
      // Inside a constant like NOT_RDP_PLAIN, the values are text; keys and ids are not.
      if (!['id', 'technical', 'learnMore'].includes(n.name.getText())) visit(n.initializer);
      return;
    }
    // Calls: their arguments can be text (byNetwork(ctx, {...})), their callee is code.
    if (ts.isCallExpression(n)) {
      n.arguments.forEach(visit);
      // [...].filter(Boolean).join(' '): the text is in what the method is called on.
      if (ts.isPropertyAccessExpression(n.expression)) visit(n.expression.expression);
      return;
    }
    if (ts.isElementAccessExpression(n) || ts.isPropertyAccessExpression(n)) {
      visit(n.expression);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out.filter((s) => s.trim() !== '');
}

function findingLiterals(file: string): FindingLiteral[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Node>();
  for (const st of source.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && !ts.isArrowFunction(d.initializer)) consts.set(d.name.text, d.initializer);
      }
    }
  }
  const found: FindingLiteral[] = [];
  const walk = (n: ts.Node) => {
    if (ts.isObjectLiteralExpression(n)) {
      const props = new Map(n.properties.filter(ts.isPropertyAssignment).map((p) => [p.name.getText(), p.initializer] as const));
      // A finding, or a piece of one (a table of titles and texts a rule picks from).
      if (props.has('plain') && (props.has('likelihood') || props.has('score'))) {
        const { line } = source.getLineAndCharacterOfPosition(n.getStart());
        const part = (key: string) => (props.has(key) ? textParts(props.get(key)!, consts) : []);
        found.push({
          where: `${relative(join(__dirname, '..'), file)}:${line + 1}`,
          title: part('title'),
          plain: part('plain'),
          technical: part('technical'),
        });
      }
    }
    ts.forEachChild(n, walk);
  };
  walk(source);
  return found;
}

const findings = ruleFiles.flatMap(findingLiterals);

describe('the plain-text rule', () => {
  it('catches the jargon home users were shown', () => {
    expect(plainTextProblems('Checks HKLM\\SOFTWARE\\Microsoft\\MSLicensing.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/registry path/), expect.stringMatching(/setting or folder name: "MSLicensing"/)]),
    );
    expect(plainTextProblems('(events 1057 and 1058 on the server)')).toEqual(['an event id: "events 1057 and 1058"']);
    expect(plainTextProblems('Schannel 36870')).toEqual(['an event id: "36870"']);
    expect(plainTextProblems('127.0.0.1:36971')).toEqual([]);
    expect(plainTextProblems("the server's SCHANNEL settings")).toEqual(['an all-caps Windows identifier: "SCHANNEL"']);
    expect(plainTextProblems('shut out NETWORK SERVICE')).toHaveLength(2);
    expect(plainTextProblems('(SSL_CERT_NOT_ON_SERVER)')).toHaveLength(1);
    expect(plainTextProblems('AllowEncryptionOracle is 2')).toEqual(['a setting or folder name: "AllowEncryptionOracle"']);
    expect(plainTextProblems('the key file in MachineKeys')).toHaveLength(1);
    expect(plainTextProblems('fDenyTSConnections')).toHaveLength(1);
    expect(plainTextProblems('run "wusa /uninstall /kb:5034441"')).toEqual(['a program, file or tool name: "wusa"']);
    expect(plainTextProblems('loads termsrv.dll')).toHaveLength(2);
    // The last review's words (issue 23): a registry value, a raw time, a protocol for a port.
    expect(plainTextProblems('TLS 1.2 is off (Enabled = 0)')).toEqual(['a registry value: "Enabled = 0"']);
    expect(plainTextProblems('1x event 1058, last at 2026-11-21T08:59:58.000Z')).toEqual(
      expect.arrayContaining(['a time as a program writes it: "2026-11-21T08:59:58.000Z"']),
    );
    expect(plainTextProblems('Make Remote Desktop use TCP only')).toEqual(['a protocol or standard where plain words fit: "TCP only"']);
    expect(plainTextProblems('connections to the RDP port are let in')).toEqual([
      'a protocol or standard where plain words fit: "RDP port"',
    ]);
    expect(plainTextProblems('encryption level high, FIPS off')).toEqual(['a protocol or standard where plain words fit: "FIPS off"']);
    // One word per thing, and no file type (issue 23, last review: the certificate fix's lines).
    expect(plainTextProblems('Removed it with its secret key')).toEqual(['a word the app says another way: "secret key"']);
    expect(plainTextProblems('Saved the old certificate (.cer) to the backup folder')).toEqual(['a word the app says another way: ".cer"']);
    expect(plainTextProblems('Removed the old certificate and its private key')).toEqual([]);
  });

  it('lets plain words through: TLS, a VPN, an update number, the error code, a port', () => {
    expect(
      plainTextProblems(
        'TLS 1.2 is off, your VPN drops UDP, KB5034441 came on 2026-11-02, and every attempt ends with 0x904 / 0x7 on port 3389 of PC-7 (IPv6). CredSSP, FIPS.',
      ),
    ).toEqual([]);
  });
});

describe('lines the fix scripts write (what changed, what was put back)', () => {
  const tls = fixes.find((f) => f.id === 'enable-tls12-server')!;
  it('a thumbprint, a key file name and a service name are not plain', () => {
    expect(plainTextProblems('Removed certificate 4EA257330D6FC88C9A159E39D509A34FD789D2F3 from the Remote Desktop store')).toEqual([
      'a thumbprint, key or file id: "4EA257330D6FC88C9A159E39D509A34FD789D2F3"',
    ]);
    expect(plainTextProblems('its private key (f686aace6942fb7f7ceb231212eef4a4_5f1a9c61-7b2d-4e8a-9c61-2d3f4b5a6c7d)')).toHaveLength(1);
    expect(plainTextProblems('Restarted SessionEnv and TermService')).toHaveLength(2);
  });

  it("with technical details off, a line that is not plain gives way to the fix's plain words; plain lines stay as written", () => {
    expect(plainLines(['Set TLS 1.2\\Server Enabled = 1 and DisabledByDefault = 0 (restart the server to use it)'], tls.changes)).toBe(
      tls.changes,
    );
    const rules = [
      'Enabled firewall rule "Remote Desktop - User Mode (TCP-In)"',
      'Enabled firewall rule "Remote Desktop - User Mode (UDP-In)"',
    ];
    expect(plainLines(rules, tls.changes)).toBe(rules);
    expect(plainLines(['Set SecurityLayer to 0 (RDP security, no TLS): security is weakened'], ['x'])).toEqual(['x']);
  });
});

describe('every check', () => {
  it.each(checks.map((c) => [c.id, c] as const))('%s has a neutral title, a plain and a technical text', (_id, c) => {
    expect(c.plain.trim().length).toBeGreaterThan(20);
    expect(c.technical.trim().length).toBeGreaterThan(20);
    expect(c.technical).not.toBe(c.plain);
    expect(plainTextProblems(`${c.title} ${c.plain}`)).toEqual([]);
    // A title is a name, not a claim that can be false: no sentence, no verb of state.
    expect(c.title).not.toMatch(/\b(is|are|can|lets|listens|resolves|answers|completes|offers|has|runs|blocks)\b/);
  });
});

describe('every fix', () => {
  // Shown to everyone on the fix step and the summary; the exact registry values and commands are
  // in the readable PowerShell that "Show technical details" opens (issue 23, review item 5).
  it.each(fixes.map((f) => [f.id, f] as const))('%s says what it changes in plain words', (_id, f) => {
    expect(
      plainTextProblems([f.title, f.plain, ...f.changes, ...f.done, f.undoPlain, f.cannotUndo ?? '', f.weakened ?? ''].join(' ')),
    ).toEqual([]);
    // A change that weakens security says what that means on its re-check, not only that it did.
    expect(!!f.weakened, 'weakened').toBe(f.risk.includes('changes-security'));
  });

  // The result page says what happened, not what will (issue 23: "Sets …" under "Fixed"): each
  // line of `done` opens with a verb in the past tense, never the preview's present.
  it.each(fixes.map((f) => [f.id, f] as const))('%s says what it did in the past tense', (_id, f) => {
    expect(f.done.length).toBeGreaterThan(0);
    for (const line of f.done) {
      const verb = /^(?:Where [^,]+, (?:first )?)?(\w+)/.exec(line)![1]!;
      expect(line.startsWith('The server must') || /(?:ed|ade|ote|ose|ound|eft|et|ave)$/.test(verb), line).toBe(true);
      expect(f.changes, line).not.toContain(line);
    }
  });

  // One word per thing (issue 23, item 10): undo is "undo" in every text a fix shows.
  it.each(fixes.map((f) => [f.id, f] as const))('%s says undo one way', (_id, f) => {
    const text = [f.title, f.plain, ...f.changes, ...f.done, f.cannotUndo ?? ''].join(' ');
    expect(text.match(OTHER_UNDO_WORDS)?.[0] ?? null).toBeNull();
  });
});

describe('one word for undo', () => {
  it('catches the other words the wizard once used', () => {
    for (const said of [
      'Rolled back: x',
      'Revert now',
      'Put it back now',
      'Put back these 2 changes',
      'Finish it',
      'offers to put them back',
    ]) {
      expect(said, said).toMatch(OTHER_UNDO_WORDS);
    }
    expect(Object.values(WORDS).join(' ')).not.toMatch(OTHER_UNDO_WORDS);
  });

  it("says the engine's journal lines with the wizard's word, the rest as written", () => {
    expect(inOneWord('Rolled back: Firewall rule "RDP" disabled again.')).toBe('Undone: Firewall rule "RDP" disabled again.');
    expect(inOneWord('Put back by its timer at 09:15: Set it back to 0')).toBe('Undone by its timer at 09:15: Set it back to 0');
    expect(inOneWord('Its timer could not put it back (task gone); undo it here.')).toBe(
      'Its timer could not undo it (task gone); undo it here.',
    );
    expect(inOneWord('Fixed: the check passes now.')).toBe('Fixed: the check passes now.');
  });
});

describe('every finding the rules can build', () => {
  it('reads them from every rule file (the scan is not empty)', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(5);
    expect(findings.length).toBeGreaterThan(50);
  });

  it.each(findings.map((f) => [f.where, f] as const))('%s: title and plain are plain, technical is there', (_where, f) => {
    expect(f.plain.join('').length).toBeGreaterThan(0);
    expect(f.technical.join('').trim().length, 'technical text').toBeGreaterThan(10);
    expect(plainTextProblems([...f.title, ...f.plain].join(' | '))).toEqual([]);
  });

  it('the protocol failure texts the probe reuses are plain too', () => {
    for (const failure of Object.values(NEGOTIATION_FAILURES)) expect(plainTextProblems(failure?.plain ?? '')).toEqual([]);
  });
});

/** Every result line (`summary`) a check's diagnosis can write, with where it is, read like the findings. */
function summaryLiterals(): Array<{ dir: string; where: string; text: string }> {
  return readdirSync(CHECKS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('diagnosis.ts'))
    .flatMap((f) => {
      const file = join(CHECKS, f);
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const found: Array<{ dir: string; where: string; text: string }> = [];
      const walk = (n: ts.Node) => {
        if (ts.isPropertyAssignment(n) && n.name.getText() === 'summary') {
          const { line } = source.getLineAndCharacterOfPosition(n.getStart());
          found.push({ dir: f.split(/[\\/]/)[0]!, where: `${f}:${line + 1}`, text: textParts(n.initializer, new Map()).join(' | ') });
        }
        ts.forEachChild(n, walk);
      };
      walk(source);
      return found;
    });
}

describe('every result line a check writes (shown to everyone under "All checks" and "Checked again")', () => {
  const lines = summaryLiterals();
  /*
   * Checks whose result lines still name a setting, a service or an event (issue 23, item 5): each
   * needs a plain line and the exact one in its technical text. The list may only shrink: a check
   * here whose lines became plain fails the second test until it is taken off.
   */
  const NOT_PLAIN_YET = new Set([
    'client-authentication',
    'client-license-cache',
    'client-rdp-log',
    'client-udp',
    'server-certificate',
    'server-connection-pressure',
    'server-credssp',
    'server-listener',
    'server-rdp-enabled',
    'server-security-settings',
    'server-service-dll',
    'server-services',
  ]);

  it('reads them (the scan is not empty)', () => {
    expect(lines.length).toBeGreaterThan(60);
  });

  it.each(lines.filter((l) => !NOT_PLAIN_YET.has(l.dir)).map((l) => [l.where, l] as const))('%s is plain', (_where, l) => {
    expect(plainTextProblems(l.text)).toEqual([]);
  });

  it('the checks still to do are still to do', () => {
    for (const dir of NOT_PLAIN_YET) {
      expect(
        lines.filter((l) => l.dir === dir).some((l) => plainTextProblems(l.text).length > 0),
        dir,
      ).toBe(true);
    }
  });

  it('the lines the review named are plain now: the security settings and the failed sign-ins', () => {
    const named = lines.filter((l) => /Network Level Authentication|failed sign-ins/.test(l.text));
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const l of named) expect(l.text, l.where).not.toMatch(/\bNLA\b|event 4625|RDP security layer/);
  });
});

describe('"Learn more" links', () => {
  it('are Microsoft articles the app will open (help-links.ts lets them through)', () => {
    for (const url of Object.values(learnMore)) expect(isHelpLink(url), url).toBe(true);
  });

  it('every one is used by at least one rule or reported error', () => {
    const sources = [...ruleFiles, join(DIAGNOSIS, 'reported-error-meanings.ts')].map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const key of Object.keys(learnMore)) expect(sources, key).toContain(`learnMore.${key}`);
  });
});
