import { describe, expect, it } from 'vitest';
import { buildReport, reportHtml, reportText } from './session-report';
import type { ScanResult } from '../results';

const scan: ScanResult = {
  scanId: 's',
  target: { host: 'srv01', port: 3390 },
  startedAt: '2026-11-21T09:00:00.000Z',
  finishedAt: '2026-11-21T09:00:01.500Z',
  thisComputer: 'LAPTOP-JÜRGEN',
  server: { kind: 'remoting', computer: 'SRV01' },
  results: [
    {
      checkId: 'server-certificate',
      status: 'fail',
      summary: 'The Remote Desktop certificate expired on 2026-11-14.',
      durationMs: 40,
      command: "& 'C:\\x.ps1' -EncodedArgs 'e30='",
    },
  ],
  findings: [
    {
      id: 'certificate-unusable',
      title: "The server's Remote Desktop certificate is unusable",
      plain: 'p',
      technical: 't',
      likelihood: 'certain',
      score: 98,
      evidence: [{ checkId: 'server-certificate', label: 'Certificate', value: '<script>alert(1)</script>' }],
      fixIds: ['regenerate-rdp-certificate'],
    },
  ],
};

const report = buildReport({
  version: '1.2.3',
  backend: 'windows',
  now: new Date('2026-11-21T09:05:00Z'),
  scan,
  outcomes: [
    {
      fixId: 'regenerate-rdp-certificate',
      journalId: 'j1',
      status: 'fixed',
      message: 'Fixed.',
      changed: ['Removed cert'],
      verification: [],
      computer: 'srv01',
      at: '2026-11-21T09:03:00.000Z',
    },
  ],
  undone: { j1: { journalId: 'j1', restored: ['x'], message: 'Undone: x.' } },
  networkType: 'vpn',
  connectTries: [{ at: '2026-11-21T09:04:00.000Z', answer: 'different-error', code: '0x204' }],
  locale: 'en-GB',
  timeZone: 'Europe/Berlin',
});

describe('session report', () => {
  it('gives a short ticket summary: both computers, the cause, and what changed where and when', () => {
    expect(reportText(report)).toBe(
      [
        'RDP Doctor 1.2.3: srv01:3390, 21 Nov 2026, 10:05 CET',
        'Result: no fix is in place; the user confirmed it connects: no, still failing.',
        'This PC: LAPTOP-JÜRGEN. The server: srv01. Server checks ran on srv01, via PowerShell remoting, 21 Nov 2026, 10:00 CET.',
        'Network: Corporate VPN.',
        'Checks: 1 in 1.5 s; 1 failed.',
        "Most likely cause: The server's Remote Desktop certificate is unusable. <script>alert(1)</script>",
        'Change: Make Windows create a new Remote Desktop certificate on srv01, 21 Nov 2026, 10:03 CET: fixed; undone.',
        'Tried connecting: 21 Nov 2026, 10:04 CET: a different error (0x204).',
      ].join('\n'),
    );
  });

  it('renders self-contained HTML with every value escaped', () => {
    const html = reportHtml(report);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<(script|link|img)\b/);
    expect(html).toContain('Undone: x.');
    expect(html).toContain('-EncodedArgs &#39;e30=&#39;');
    // The wrapper is folded away; what to run on the server comes first, never wrapped.
    expect(html).toContain(
      '<details><summary>Exact command run</summary><pre>&amp; &#39;C:\\x.ps1&#39; -EncodedArgs &#39;e30=&#39;</pre></details>',
    );
    expect(html).toContain('<p><small>Run on srv01 (PowerShell):</small></p><pre data-run-on="srv01">Get-CimInstance');
    expect(html).toMatch(/pre\{[^}]*white-space:pre;overflow-x:auto/);
  });

  it('lists failing checks first, and a change still in place as undoable', () => {
    const mixed = buildReport({
      version: '1',
      backend: 'windows',
      now: new Date('2026-11-21T09:05:00Z'),
      scan: {
        ...scan,
        results: [
          { checkId: 'dns', status: 'pass', summary: 'resolves', durationMs: 1 },
          { checkId: 'server-firewall', status: 'not-checked', summary: 'not here', durationMs: 0 },
          { checkId: 'tcp-port', status: 'fail', summary: 'closed', durationMs: 1 },
        ],
      },
      outcomes: [{ fixId: 'enable-firewall-rdp', journalId: 'j2', status: 'fixed', message: 'Fixed.', changed: [], verification: [] }],
      undone: {},
      locale: 'en-US',
      timeZone: 'UTC',
    });
    const html = reportHtml(mixed);
    const order = ['>closed<', '>not here<', '>resolves<'].map((t) => html.indexOf(t));
    expect(order[0]).toBeGreaterThan(-1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(mixed.changes[0]?.undoState).toBe('in place, can be undone');
    expect(reportText(mixed)).toContain('Tried connecting: not tried from RDP Doctor.');
  });

  it('says when a temporary change still in place turns itself back, and nothing once it is undone', () => {
    const temporary = (undone: Record<string, { journalId: string; restored: string[]; message: string }>) =>
      buildReport({
        version: '1',
        backend: 'windows',
        now: new Date('2026-11-21T09:05:00Z'),
        scan,
        outcomes: [
          {
            fixId: 'rdp-security-isolation-test',
            journalId: 'j3',
            status: 'fixed',
            message: 'Fixed.',
            changed: [],
            verification: [],
            computer: 'srv01',
            at: '2026-11-21T09:03:00.000Z',
            revertsAt: '2026-11-21T09:18:00.000Z',
          },
        ],
        undone,
        locale: 'en-GB',
        timeZone: 'Europe/Berlin',
      });
    const inPlace = temporary({});
    expect(reportText(inPlace)).toMatch(/in place, can be undone; turns itself back at 21 Nov 2026, 10:18 CET\./);
    expect(reportHtml(inPlace)).toContain('turns itself back at <time datetime="2026-11-21T09:18:00.000Z">21 Nov 2026, 10:18 CET</time>');
    const undoneReport = temporary({ j3: { journalId: 'j3', restored: [], message: 'Put back by its timer.' } });
    expect(reportText(undoneReport)).not.toMatch(/turns itself back/);
  });
  it('marks a problem no fix checked again as from before the fix, and keeps a key file name on one line', () => {
    const keyFile = 'f686aace6942fb7f7ceb231212eef4a4_5f1a9c61-7b2d-4e8a-9c61-2d3f4b5a6c7d';
    const fixed = buildReport({
      version: '1',
      backend: 'windows',
      now: new Date('2026-11-21T09:05:00Z'),
      scan: {
        ...scan,
        results: [
          { checkId: 'server-certificate', status: 'fail', summary: 'expired', durationMs: 1 },
          { checkId: 'rdp-handshake', status: 'warn', summary: "The server's certificate has expired.", durationMs: 1 },
          { checkId: 'dns', status: 'pass', summary: 'resolves', durationMs: 1 },
        ],
      },
      outcomes: [
        {
          fixId: 'regenerate-rdp-certificate',
          journalId: 'j4',
          status: 'fixed',
          message: 'Fixed.',
          changed: [`Removed its private key (${keyFile})`],
          verification: [{ checkId: 'server-certificate', status: 'pass', summary: 'valid', durationMs: 1 }],
        },
      ],
      undone: {},
      locale: 'en-US',
      timeZone: 'UTC',
    });
    const html = reportHtml(fixed);
    const row = (id: string) =>
      html.slice(html.indexOf(`<tr data-check="${id}">`), html.indexOf('</tr>', html.indexOf(`<tr data-check="${id}">`)));
    expect(row('rdp-handshake')).toContain('before the fix, not checked again');
    expect(row('server-certificate')).toContain('after the fix; before: fail');
    expect(row('server-certificate')).not.toContain('before the fix, not checked again');
    expect(row('dns')).not.toContain('before the fix');
    expect(html).toContain('Findings <small data-before-fix>(before the changes below)</small>');
    expect(html).toContain(`(<code class="token">${keyFile}</code>)`);
    // Nothing changed: nothing is "before" anything.
    expect(
      reportHtml(buildReport({ ...{ version: '1', backend: 'windows', now: new Date(), scan, undone: {} }, outcomes: [] })),
    ).not.toContain('before the');
  });
});
