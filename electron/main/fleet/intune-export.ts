import { getFix, type FixId } from '../../../shared/catalog/fixes';
import type { ScriptId } from '../../../shared/catalog/scripts';
import { DEFAULT_RDP_PORT } from '../../../shared/target';
import { makeFixScript } from '../remote/fix-script';
import type { ScriptTexts } from '../remote/script-texts';

/**
 * Where PowerShell remoting is not allowed: the checks and their safe fixes as Intune
 * Remediations pairs (learn.microsoft.com/intune/intune-service/fundamentals/remediations), one
 * pair per fix. Both halves are the fix script the app already makes ("Make a fix script"): the
 * same step functions, the same runner, the same backups under %ProgramData%\RDP Doctor\backups
 * (so its -Undo puts a remediation back). The detection half carries, per fix, the check it runs
 * and the test that says the cause is there; it changes nothing (but for the optional report in a
 * share folder, which `rdp-doctor reports DIR` reads).
 */

/**
 * The causes a remediation may fix unattended: fixes whose only risk is 'low' (no restart of
 * Remote Desktop, which would disconnect everyone; never a fix that weakens security). Each test
 * reads the check's facts as the app's evaluator does (shared/checks/<check>/diagnosis.ts); the
 * test in test/fleet/intune.test.ts runs every one against the scenarios and requires it to agree
 * with the app's own diagnosis (the fix offered exactly where the detection exits 1).
 */
export const INTUNE_CAUSES: ReadonlyArray<{ fixId: FixId; script: ScriptId; line: string; test: string }> = [
  {
    fixId: 'enable-rdp',
    script: 'check-rdp-enabled',
    line: 'Remote Desktop is turned off (fDenyTSConnections)',
    // A policy wins over the setting and is never fought: only the server's own switch counts.
    test: '($null -eq $facts.policyDenyTSConnections) -and ($facts.fDenyTSConnections -ne 0)',
  },
  {
    fixId: 'enable-firewall-rdp',
    script: 'check-firewall-rdp',
    line: 'the Windows Firewall rules for Remote Desktop are off for the network the server is on',
    test: [
      "$tcp = @($facts.rules | Where-Object -FilterScript { $_.protocol -eq 'TCP' -and -not ($_.PSObject.Properties['webSocket'] -and $_.webSocket) })",
      "$open = @($tcp | Where-Object -FilterScript { $rule = $_; $rule.enabled -and @($facts.activeProfiles | Where-Object -FilterScript { @($rule.profiles) -notcontains $_ -and @($rule.profiles) -notcontains 'Any' }).Count -eq 0 })",
      '$open.Count -eq 0',
    ].join('\n'),
  },
  {
    fixId: 'start-rdp-services',
    script: 'check-rdp-services',
    line: 'a service Remote Desktop needs is stopped or disabled',
    // Only when every service exists: a missing one is no fix's to make.
    test: [
      "$down = @($facts.services | Where-Object -FilterScript { $_.startType -eq 'Disabled' -or (@('TermService', 'CryptSvc') -contains $_.name -and $_.status -ne 'Running') })",
      '$missing = @($facts.services | Where-Object -FilterScript { -not $_.exists })',
      '($down.Count -gt 0) -and ($missing.Count -eq 0)',
    ].join('\n'),
  },
];

export interface IntunePair {
  fixId: FixId;
  title: string;
  detection: { fileName: string; content: string };
  remediation: { fileName: string; content: string };
}

/** One pair per safe fix; `reportShare`: a folder (UNC) every detection run saves the server's report in. */
export function intunePairs(texts: ScriptTexts, options: { reportShare?: string } = {}): IntunePair[] {
  const target = { host: 'this-computer', port: DEFAULT_RDP_PORT };
  return INTUNE_CAUSES.map((cause) => {
    const fix = getFix(cause.fixId);
    if (!fix.risk.every((r) => r === 'low')) throw new Error(`${cause.fixId} is not safe to run unattended`);
    const detection = makeFixScript([cause.fixId], target, texts, {
      thisComputer: true,
      detect: [cause],
      ...(options.reportShare ? { reportShare: options.reportShare } : {}),
    });
    const remediation = makeFixScript([cause.fixId], target, texts, { thisComputer: true });
    return {
      fixId: cause.fixId,
      title: fix.title,
      detection: { fileName: `detect-${cause.fixId}.ps1`, content: detection.content },
      remediation: { fileName: `remediate-${cause.fixId}.ps1`, content: remediation.content },
    };
  });
}
