import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCheck, type CheckId } from '../../shared/catalog/checks';
import { fixIds, getFix, type FixId } from '../../shared/catalog/fixes';
import { scripts, type ScriptId } from '../../shared/catalog/scripts';
import { serverFixIds } from '../../shared/remote';
import { requestSchemas } from '../../shared/ipc-contract';
import { makeFixScript, stepFunctionName } from '../../electron/main/remote/fix-script';
import { loadScriptTexts } from '../../electron/main/remote/script-texts';
import { psLiteral } from '../../electron/main/powershell/literal';
import { createHandlers } from '../../electron/main/handlers';
import { createSimulatedPorts } from '../../electron/main/simulated/simulated-ports';
import { dispatch } from '../../electron/main/ipc/dispatch';
import { aliasesUsed, parseProblems, powershellParser, walk } from '../support/powershell-parser';

const texts = loadScriptTexts(join(__dirname, '../../assets/scripts'));
const target = { host: 'srv01.contoso.com', port: 3389 };

/** The scripts a fix script for this fix carries. */
function stepsOf(id: FixId): ScriptId[] {
  const fix = getFix(id);
  const checks = fix.verifies
    .map((c) => getCheck(c as CheckId).source)
    .flatMap((s) => (s.kind === 'script' && s.side === 'server' ? [s.script] : []));
  return [...checks, fix.backupScript, fix.script, fix.undoScript];
}
/** Every single server fix, and all of them at once. */
const combinations: Array<[string, FixId[]]> = [
  ...serverFixIds.map((id): [string, FixId[]] => [id, [id]]),
  [`all ${serverFixIds.length} server fixes`, [...serverFixIds]],
];

describe('the fix script for the remote computer', () => {
  it('can carry every server fix: all their scripts are shipped', () => {
    const missing = serverFixIds.flatMap((id) => stepsOf(id).map((s) => scripts[s].file)).filter((f) => texts.files[f] === undefined);
    expect(missing).toEqual([]);
    expect(serverFixIds.length).toBeGreaterThan(0);
  });

  describe.each(combinations)('%s', (_name, ids) => {
    const script = makeFixScript(ids, target, texts);
    const text = script.content.replace(/^\uFEFF/, '');

    it("names each of its fixes' risks", () => {
      for (const id of ids) {
        const fix = getFix(id);
        expect(text.includes('WeakensSecurity = $true') || !fix.risk.includes('changes-security')).toBe(true);
      }
      expect(text).toContain('[switch]$AcceptSecurityChange');
    });

    it('parses without ERROR or MISSING nodes', async () => {
      const tree = (await powershellParser()).parse(text)!;
      expect(parseProblems(tree.rootNode)).toEqual([]);
    });

    it('uses no aliases', async () => {
      const tree = (await powershellParser()).parse(text)!;
      expect(aliasesUsed(tree.rootNode)).toEqual([]);
    });

    it('sets StrictMode Latest and stops on errors, and builds no command from strings', () => {
      expect(text).toMatch(/^Set-StrictMode -Version Latest\r$/m);
      expect(text).toMatch(/^\$ErrorActionPreference = 'Stop'\r$/m);
      expect(text).not.toMatch(/Invoke-Expression|\[scriptblock\]::Create|-EncodedCommand/i);
    });

    it("carries each fix's check, backup, apply and undo step, each defined once, and no other fix", () => {
      for (const id of serverFixIds) {
        const fix = getFix(id);
        const carried = ids.includes(id);
        expect(text.includes(`Id        = ${psLiteral(id)}`)).toBe(carried);
        if (!carried) continue;
        for (const s of [fix.backupScript, fix.script, fix.undoScript]) {
          expect(text.split(`function ${stepFunctionName(s)} {`).length - 1, s).toBe(1);
        }
      }
      // The library is inlined once; no script still loads it from a folder.
      expect(text.split('function ConvertFrom-EncodedArgs {').length - 1).toBe(1);
      expect(text).not.toContain('$PSScriptRoot');
    });

    it('is made from the shipped scripts themselves', () => {
      const fix = getFix(ids[0]!);
      const body = texts.files[scripts[fix.script].file]!.replace(/\r\n/g, '\n');
      const synopsis = body.slice(0, body.indexOf('#>') + 2);
      expect(text.replace(/\r\n/g, '\n')).toContain(synopsis);
    });

    it('has an -Undo mode that replays the backups it wrote, and says how to use it', () => {
      expect(text).toMatch(/\[switch\]\$Undo/);
      expect(text).toContain("$RdpDoctorBackupRoot = Join-Path -Path (Initialize-AdminStore) -ChildPath 'backups'");
      expect(text).toContain('rdp-doctor-backup.json');
      expect(text).toContain('-Undo -BackupFolder');
    });

    it('keeps backups where only administrators can change them, and trusts no path a backup folder names', () => {
      // The store's checks (owner, DACL, links) are the elevated helper's own, inlined once.
      expect(text).toContain('function Initialize-AdminStore');
      expect(text).toContain('function New-AdminOnlyFolder');
      // -Undo reads a run folder directly in that store, and each backup from a folder derived
      // from the fix id, not from the path manifest.json names.
      expect(text).toMatch(/is not a backup folder of this script: those are in \$RdpDoctorBackupRoot/);
      expect(text).toContain("$saved = Get-Content -LiteralPath (Join-Path -Path $fixFolder -ChildPath 'rdp-doctor-backup.json') -Raw");
      expect(text).toContain('Assert-BackupFilesInside -Folder $fixFolder -Value $saved.backup');
      expect(text).not.toMatch(/\$entry\.backupFile\)/);
    });

    it('is one file named after the server, with CRLF line ends and a byte order mark', () => {
      expect(script.fileName).toBe('rdp-doctor-fix-srv01.contoso.com.ps1');
      expect(script.content.startsWith('\uFEFF')).toBe(true);
      expect(script.content).not.toMatch(/[^\r]\n/);
    });
  });

  it('with no fix chosen it is a check-only script: -Report, every server check, no fix table entries', () => {
    const script = makeFixScript([], target, texts);
    expect(script.fileName).toBe('rdp-doctor-check-srv01.contoso.com.ps1');
    expect(script.content).toContain('# RDP Doctor: a check script for the remote computer');
    expect(script.content).toContain('This script carries no fixes: it always only reports.');
    expect(script.content).toContain("@{ Script = 'check-rdp-certificate'; Title = ");
    expect(script.content).not.toMatch(/Id {8}= '/);
    expect(script.content).toContain("$RdpDoctorReportFormat = 'rdp-doctor-server-report'");
  });

  it("carries the time chosen in the app for a temporary fix as -RevertAfterMinutes' default, and says so in its header", () => {
    const timed = makeFixScript(['rdp-security-isolation-test'], target, texts, { revertAfterMinutes: 60 }).content;
    expect(timed).toContain("[int]$RevertAfterMinutes = '60'");
    expect(timed).toContain(
      '#      TEMPORARY: a scheduled task (as SYSTEM) puts it back 60 minutes after it is applied, even if nobody runs -Undo',
    );
    expect(timed).toMatch(/Id {8}= 'rdp-security-isolation-test'[\s\S]*?Temporary = \$true/);
    // Without a choice only -Undo puts it back, and the header says how to ask for a timer.
    const untimed = makeFixScript(['rdp-security-isolation-test'], target, texts).content;
    expect(untimed).toContain("[int]$RevertAfterMinutes = '0'");
    expect(untimed).toContain('#      TEMPORARY: stays until you run -Undo (-RevertAfterMinutes 15 or 60 makes it put itself back).');
    // A fix that is not temporary has no timer line and no timer.
    const other = makeFixScript(['enable-firewall-rdp'], target, texts).content;
    expect(other).not.toContain('TEMPORARY');
    expect(other).toMatch(/Temporary = \$false/);
  });

  it('refuses a time for fixes none of which is temporary (the app refuses it for apply too)', async () => {
    expect(() => makeFixScript(['enable-firewall-rdp'], target, texts, { revertAfterMinutes: 15 })).toThrow(
      'None of these fixes is a temporary change, so none can put itself back after a time.',
    );
    const handlers = createHandlers(createSimulatedPorts('healthy').ports);
    await expect(
      handlers.makeFixScript({ fixIds: ['enable-firewall-rdp'], target, revertAfterMinutes: 15 }, { emit: () => undefined }),
    ).rejects.toMatchObject({ kind: 'bad-request', message: expect.stringMatching(/None of these fixes is a temporary change/) });
    expect(
      requestSchemas.makeFixScript.safeParse({ fixIds: ['rdp-security-isolation-test'], target, revertAfterMinutes: 30 }).success,
    ).toBe(false);
    const made = await handlers.makeFixScript(
      { fixIds: ['rdp-security-isolation-test'], target, revertAfterMinutes: 15 },
      { emit: () => undefined },
    );
    expect(made.content).toContain("[int]$RevertAfterMinutes = '15'");
  });

  it('refuses a fix for this computer', () => {
    const clientFix = fixIds.find((id) => getFix(id).side === 'client');
    if (clientFix) expect(() => makeFixScript([clientFix], target, texts)).toThrow(/changes this computer/);
  });
});

describe('what the renderer sends can reach the script only as validated ids and psLiteral values', () => {
  /** The script with the host's psLiteral (wherever it is) and the port's one replaced by markers. */
  const masked = (host: string, port: number) =>
    makeFixScript(serverFixIds, { host, port }, texts)
      .content.split(psLiteral(host))
      .join('<HOST>')
      .replace(`$RdpDoctorTargetPort = [int]${psLiteral(String(port))}`, '$RdpDoctorTargetPort = <PORT>');

  it('the host and port enter only through psLiteral: everything else is the same text for any value', () => {
    // The prefix keeps a short random host from equalling some other literal in the scripts.
    const reference = masked('zq-a', 1);
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 60 })
          .filter((h) => !h.includes('\0'))
          .map((h) => `zq-${h}`),
        fc.integer({ min: 1, max: 65535 }),
        (host, port) => {
          // Hostile values (quotes, $(), backticks, new lines) too: the generator is pure.
          expect(masked(host, port)).toBe(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a hostile host is a single PowerShell string literal in the parsed script', async () => {
    const host = "srv'; Remove-Item C:\\ -Recurse; $(Stop-Computer) `n ‘x’";
    const text = makeFixScript(serverFixIds, { host, port: 3389 }, texts).content.replace(/^\uFEFF/, '');
    const tree = (await powershellParser()).parse(text)!;
    expect(parseProblems(tree.rootNode)).toEqual([]);
    const assignment = [...walk(tree.rootNode)].find((n) => n.type === 'assignment_expression' && n.text.startsWith('$RdpDoctorTarget ='))!;
    const literal = [...walk(assignment)].find((n) => n.type === 'verbatim_string_characters' || n.type === 'string_literal')!;
    expect(literal.text).toBe(psLiteral(host));
    expect([...walk(assignment)].some((n) => n.type === 'command')).toBe(false);
  });

  it('the IPC schema lets through only server fix ids and a valid target; extra fields and script text are refused', async () => {
    const schema = requestSchemas.makeFixScript;
    expect(schema.safeParse({ fixIds: [serverFixIds[0]], target }).success).toBe(true);
    // No fix at all: the check-only script for the server's report.
    expect(schema.safeParse({ fixIds: [], target }).success).toBe(true);
    for (const bad of [
      { fixIds: ['Remove-Item C:\\'], target },
      { fixIds: [serverFixIds[0], serverFixIds[0]], target },
      { fixIds: [serverFixIds[0]], target: { host: "srv'$(x)", port: 3389 } },
      { fixIds: [serverFixIds[0]], target, note: '$(Stop-Computer)' },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses two fixes that undo each other with one clear line, and makes no file', async () => {
    const handlers = createHandlers(createSimulatedPorts('healthy').ports);
    await expect(
      handlers.makeFixScript({ fixIds: ['require-tls-security-layer', 'rdp-security-isolation-test'], target }, { emit: () => undefined }),
    ).rejects.toMatchObject({
      kind: 'bad-request',
      message:
        '“Use TLS for Remote Desktop again”: Not together with “Test with TLS and Network Level Authentication turned off (weakens security)”: one turns TLS off, the other turns it on. Choose one of them.',
    });
  });

  it('through dispatch, a canary in any field either is refused or never reaches the script', async () => {
    const table = createHandlers(createSimulatedPorts('healthy').ports);
    const TRUSTED = 'file:///app/index.html';
    const canary = 'CANARY$(Get-Process)';
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          fixIds: fc.oneof(
            fc.constant([serverFixIds[0]]),
            fc.constant([canary]),
            fc.array(fc.constantFrom(...serverFixIds, canary), { maxLength: 4 }),
          ),
          target: fc.oneof(fc.constant(target), fc.constant({ host: canary, port: 3389 }), fc.constant({ ...target, extra: canary })),
          extra: fc.option(fc.constant(canary), { nil: undefined }),
        }),
        async (payload) => {
          const res = await dispatch(table, 'makeFixScript', JSON.parse(JSON.stringify(payload)), { url: TRUSTED }, TRUSTED, {
            emit: () => undefined,
          });
          if (res.ok) expect((res.value as { content: string }).content).not.toContain('CANARY');
          else expect(res.error.kind).toBe('bad-request');
        },
      ),
      { numRuns: 200 },
    );
  });
});
