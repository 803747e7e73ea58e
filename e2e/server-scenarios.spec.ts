import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Wizard } from './support/wizard';
import { WORDS } from '../shared/catalog/words';
import { rdpTcpSecurity } from './support/machine';
import { plainTextProblems } from '../shared/catalog/wording';

/** The restart Windows has scheduled on the simulated server (shutdown.exe /r), or null. */
const scheduledRestart = async (wizard: Wizard) => (await wizard.sim.windows.snapshot()).pendingRestart ?? null;

/** Fills the target with the loopback port that stands for the server, and runs the scan. */
async function diagnose(wizard: Wizard, helpdesk = false, port = wizard.rdpPort) {
  const { page } = wizard;
  await page.getByLabel('Computer name or IP address').fill('127.0.0.1');
  await page.getByText('More options').click();
  await page.getByLabel('Port (optional)').fill(String(port));
  if (helpdesk) await page.getByRole('switch', { name: 'Show technical details' }).check();
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  // Every check script runs in real PowerShell: on a build machine shared with other work that
  // takes longer than a person would wait for one step.
  await expect(page.getByRole('heading', { name: 'What we found' })).toBeVisible({ timeout: 45_000 });
}

test.describe('the remote computer: causes found and fixed', () => {
  test('the RDP key file shuts out NETWORK SERVICE: one finding, repaired by SID, verified', async ({ wizard }) => {
    const { page } = wizard;
    // RDP Doctor on the server itself; its listener resets the handshake, as an unreadable key makes it do.
    const port = await wizard.brokenListener('key-unreadable');
    await wizard.open('key-file-permissions', {}, undefined, { targetPort: port });
    await diagnose(wizard, true, port);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'rdp-key-unreadable');
    await expect(top).toContainText('NETWORK SERVICE');
    await expect(page.locator('[data-finding]')).toHaveCount(1);
    // The server's events say when, as the wizard writes a time (not 2026-11-21T08:59:58.000Z).
    const logged = top.locator('.evidence dd').filter({ hasText: 'event 1058' });
    await expect(logged).toHaveText(/last at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$/);
    await expect(top.locator('.evidence')).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    await wizard.shot('20-findings-server-key-permissions');

    await top.getByRole('button', { name: /read its certificate's key again/ }).click();
    await expect(page.getByText('Needs administrator rights')).toBeVisible();
    await expect(page.getByLabel('Exact command: back up, backup-rdp-key-permissions.ps1')).toContainText(
      /^& '.*backup-rdp-key-permissions\.ps1' -EncodedArgs/,
    );
    await expect(page.locator('[data-commands="repair-rdp-key-permissions"]')).not.toContainText('<key file>');
    // Runnable as shown (issue 23, item 6): the key file and the backup folder this run will use,
    // as Windows writes them; no <placeholder>, no folder of the simulation.
    const readable = page.getByLabel('Readable PowerShell for repair-rdp-key-permissions');
    await expect(readable).toContainText(
      /icacls\.exe 'C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\f686aace6942fb7f7ceb231212eef4a4_[^']+' \/save 'C:\\ProgramData\\RDP Doctor\\backups\\[0-9a-f-]{36}\\machinekeys-acl-0\.txt' \/L/,
    );
    const shown = [await readable.innerText(), await page.getByLabel('Undo for repair-rdp-key-permissions').innerText()].join('\n');
    expect(shown).not.toMatch(/<[a-z][^>]*>/);
    expect(shown).not.toContain('/tmp/');
    const backupId = /RDP Doctor\\backups\\([0-9a-f-]{36})\\/.exec(shown)![1]!;
    await wizard.shot('21-fix-preview-server-key-permissions');
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    const outcome = page.locator('[data-outcome]');
    await expect(outcome).toHaveAttribute('data-outcome', 'fixed');
    // The command shown is the one that ran: this change's backup is in the folder it named.
    expect(wizard.sim.journal.entries.map((e) => e.id)).toEqual([backupId]);
    expect(existsSync(join(wizard.sim.ports.backupDir, backupId, 'machinekeys-acl-0.txt'))).toBe(true);
    await expect(outcome.locator('[data-check="server-key-permissions"]')).toHaveAttribute('data-status', 'pass');
    await wizard.shot('22-fix-verified-server-key-permissions');
    // The report names no folder of the simulation either (its changes, its commands, its checks).
    await outcome.getByRole('button', { name: 'Summary' }).click();
    await page.getByRole('button', { name: 'Save report', exact: true }).click();
    const { text: html } = await wizard.saved();
    expect(html).toContain('Let Remote Desktop read its certificate');
    expect(html).not.toContain('/tmp/');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('TLS 1.2 turned off on the server: found, re-enabled with a restart warning', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('tls12-disabled');
    await diagnose(wizard);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'tls-disabled');
    await top.getByText('Evidence').click();
    await expect(top).toContainText('TLS 1.2 is turned off for the server');
    await wizard.shot('23-findings-server-tls12');

    await top.getByRole('button', { name: /Turn TLS 1.2 back on/ }).click();
    await expect(page.getByText('after the server restarts').first()).toBeVisible();
    // Technical details off: the title, the change list and the undo line are plain words.
    const shown = await page.locator('body').innerText();
    expect(shown).not.toMatch(/SCHANNEL|HKLM|DisabledByDefault|SecurityLayer|Enabled = 1/);
    await expect(page.locator('p').filter({ hasText: /^Undo:/ })).toHaveText(
      'Undo: Puts the TLS 1.2 setting back as it was; the server must restart again after undoing. A backup is made before anything changes.',
    );
    await wizard.shot('24-fix-preview-server-tls12');
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    // The change is made, but Windows uses it only after a restart: "Restart needed", never "Fixed".
    await expect(page.locator('[data-outcome] h2').first()).toHaveText('Restart needed');
    await expect(page.getByRole('heading', { name: 'Fixed', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Try connecting now' })).toHaveCount(0);
    await expect(page.locator('[data-outcome]').getByRole('button', { name: 'Undo this change' })).toBeVisible();
    // No green tick before the restart that makes it true.
    await expect(page.locator('[data-outcome] [data-check][data-status="pass"]')).toHaveCount(0);
    await expect(page.locator('[data-outcome] [data-after-restart]')).toHaveText([
      'Encryption versions on the server: on after SRV-APP01 restarts',
    ]);
    // Technical details off: what the script wrote ("Set TLS 1.2\\Server Enabled = 1 and
    // DisabledByDefault = 0") gives way to the fix's plain words; the result card passes the wording rule.
    const card = (await page.locator('[data-outcome]').innerText()).replaceAll('SRV-APP01', 'the server');
    expect(plainTextProblems(card)).toEqual([]);
    await expect(page.locator('[data-outcome] ul').first()).toContainText('TLS 1.2');
    await wizard.shot('25-fix-verified-server-tls12');

    // Restart now: asked once more (everyone is disconnected), then Windows' one-minute restart.
    const restart = page.locator('[data-restart]');
    await expect(restart).toHaveAttribute('data-restart', 'undecided');
    await restart.getByRole('button', { name: 'Restart SRV-APP01 now' }).click();
    const confirm = page.getByRole('group', { name: 'Restart SRV-APP01?' });
    await expect(confirm).toContainText('Everyone using it is disconnected');
    // RDP Doctor runs on SRV-APP01: the user is told it is their own computer.
    await expect(confirm.locator('[data-in-use]')).toContainText('SRV-APP01 is the computer you are using now: save your work first.');
    await wizard.shot('26-restart-asks');
    expect(await scheduledRestart(wizard)).toBeNull();
    await confirm.getByRole('button', { name: 'Yes, restart SRV-APP01' }).click();
    await expect(restart).toHaveAttribute('data-restart', 'scheduled');
    await expect(restart).toContainText('SRV-APP01 restarts in one minute.');
    // A home user is not shown commands; helpdesk is (below).
    await expect(restart.getByLabel(/The same by hand/)).toHaveCount(0);
    expect(await scheduledRestart(wizard)).toMatchObject({ inSeconds: 60, reason: 'p:2:4' });
    // It is this PC: save your work, RDP Doctor closes; the news has the focus, and it can be called off.
    await expect(restart.locator('[data-in-use]')).toHaveText(
      'This is the computer you are using: save your work now. RDP Doctor closes with it; open it again afterwards to try connecting.',
    );
    await expect(restart.locator('[data-restart-news]')).toBeFocused();
    await expect(restart.locator('[data-restart-news]')).toContainText('SRV-APP01 restarts in one minute.');
    await expect(restart.getByRole('button', { name: 'Cancel restart' })).toBeVisible();
    await wizard.shot('27-restart-scheduled');
    // Cancel restart: shutdown.exe /a on SRV-APP01 (the computer told to restart), said plainly.
    await restart.getByRole('button', { name: 'Cancel restart' }).click();
    await expect(restart).toHaveAttribute('data-restart', 'cancelled');
    await expect(restart.locator('[data-restart-called-off]')).toBeFocused();
    await expect(restart.locator('[data-restart-called-off]')).toContainText('Restart cancelled: SRV-APP01 will not restart now.');
    expect(await scheduledRestart(wizard)).toBeNull();
    expect(wizard.sim.windows.runs.filter((r) => r.script === 'abort-restart')).toHaveLength(1);
    // Restarting stays possible, no longer the accent.
    await expect(restart.getByRole('button', { name: 'Restart SRV-APP01 now' })).not.toHaveClass(/primary/);
    await wizard.shot('27-restart-cancelled');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('Restart needed → Later: says how to restart by hand, restarts nothing; helpdesk later restarts and sees how to call it off', async ({
    wizard,
  }) => {
    const { page } = wizard;
    await wizard.open('tls12-disabled');
    await diagnose(wizard, true);
    await page
      .locator('[data-finding]')
      .first()
      .getByRole('button', { name: /Turn TLS 1.2 back on/ })
      .click();
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    const restart = page.locator('[data-restart]');
    await restart.getByRole('button', { name: 'Later' }).click();
    await expect(restart).toHaveAttribute('data-restart', 'later');
    await expect(restart).toContainText('Restart SRV-APP01 when nobody is working on it (Start, Power, Restart)');
    await expect(restart.getByRole('button', { name: 'Restart SRV-APP01 now' })).toBeVisible();
    expect(await scheduledRestart(wizard)).toBeNull();
    expect(wizard.sim.windows.runs.map((r) => r.script)).not.toContain('restart-computer');

    await restart.getByRole('button', { name: 'Restart SRV-APP01 now' }).click();
    await page.getByRole('group', { name: 'Restart SRV-APP01?' }).getByRole('button', { name: 'Yes, restart SRV-APP01' }).click();
    await expect(restart.getByLabel(/The same by hand: run on SRV-APP01 within the minute/)).toHaveText('shutdown.exe /a');
    expect(await scheduledRestart(wizard)).toMatchObject({ inSeconds: 60 });
  });

  test("Microsoft's isolation test: says it weakens security, needs a tick, and can be put back", async ({ wizard }) => {
    // A scan, a fix with its timer, and the undo: three runs of real PowerShell.
    test.slow();
    const { page } = wizard;
    await wizard.open('nla-without-tls');
    await diagnose(wizard);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'security-settings-conflict');
    await wizard.shot('26-findings-server-security-conflict');

    // A test that weakens security is never the cause's main button: it waits under "Other things to try".
    await expect(top.getByRole('button', { name: /Test with TLS and (NLA|Network Level Authentication) turned off/ })).toHaveCount(0);
    const others = page.getByRole('region', { name: 'Other things to try' });
    await expect(others.locator('[data-test-fix="rdp-security-isolation-test"]')).toContainText('Weakens security');
    await expect(others.getByRole('button', { name: /Test with TLS and (NLA|Network Level Authentication) turned off/ })).not.toHaveClass(
      /primary/,
    );
    await others.getByRole('button', { name: /Test with TLS and (NLA|Network Level Authentication) turned off/ }).click();
    await expect(page.getByText('Weakens security', { exact: true })).toBeVisible();
    await expect(page.locator('.lead')).toContainText('This weakens security');
    const apply = page.getByRole('button', { name: 'Apply the fix' });
    await expect(apply).toBeDisabled();
    // How long it stays: the shortest is chosen already, never "until I undo it".
    const howLong = page.getByRole('group', { name: WORDS.undoByItself });
    await expect(howLong.getByRole('radio', { name: /In 15 minutes/ })).toBeChecked();
    await expect(howLong.getByRole('radio', { name: /Only when I undo it/ })).not.toBeChecked();
    await expect(howLong).toContainText('SRV-APP01 undoes it on its own');
    // What it changes, in plain words: what TLS and Network Level Authentication do, not the setting's name.
    await expect(
      page.getByRole('heading', { name: 'What will change on SRV-APP01' }).locator('xpath=following-sibling::ul[1]/li').first(),
    ).toHaveText("Turns off the server's identity check (TLS) and sign-in before the session (Network Level Authentication).");
    await expect(page.locator('p').filter({ hasText: /^Undo:/ })).toHaveText(
      "Undo: Puts the server's identity check (TLS) and Network Level Authentication back as they were before the test. A backup is made before anything changes.",
    );
    await wizard.shot('27-fix-preview-server-isolation-test');
    await page.getByText('I understand this weakens security').click();
    await apply.click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    expect(await rdpTcpSecurity(wizard.sim.windows)).toMatchObject({ securityLayer: 0, userAuthentication: 0 });
    // Never a green "Fixed": a red test-mode result, and a red bar with the way back on every step.
    await expect(page.locator('[data-outcome] h2').first()).toHaveText('Test mode: security is weakened');
    await expect(page.locator('[data-outcome] h2').first()).toBeFocused();
    const bar = page.getByRole('region', { name: 'Test mode' });
    await expect(bar).toContainText('Test mode: security is weakened on SRV-APP01.');
    // The time its scheduled task on SRV-APP01 puts it back, in the bar and in the result.
    await expect(bar.locator('[data-reverts-at]')).toHaveText(/^Turns itself back at \d{1,2}:\d{2}( [AP]M)?\.?$/);
    await expect(page.locator('[data-outcome] [data-reverts-at]')).toContainText('on SRV-APP01, by itself');
    // On the same clock as the page's other times (the journal's, "You tried connecting …"): 15
    // minutes from now on this computer's clock, not the simulated server's own time of day.
    const revertsAt = ((await bar.locator('[data-reverts-at]').textContent()) ?? '').replace(/^Turns itself back at |\.$/g, '');
    const minutesAhead = await page.evaluate((shown) => {
      const [, h, m, half] = /^(\d{1,2}):(\d{2})(?: ([AP]M))?$/.exec(shown)!;
      const hours = half ? (Number(h) % 12) + (half === 'PM' ? 12 : 0) : Number(h);
      const now = new Date();
      return (hours * 60 + Number(m) - (now.getHours() * 60 + now.getMinutes()) + 24 * 60) % (24 * 60);
    }, revertsAt);
    expect(minutesAhead).toBeGreaterThanOrEqual(13);
    expect(minutesAhead).toBeLessThanOrEqual(16);
    // While the test is in force the weakened check is a warning with that time, never a green tick.
    const recheck = page.locator('[data-outcome] [data-check="server-security-settings"]');
    await expect(recheck).toHaveAttribute('data-status', 'warn');
    // With technical details off it says what weakened means, not the settings' names.
    await expect(recheck.locator('.check-summary')).toHaveText(
      `Weakened on purpose until ${revertsAt}: the server no longer proves who it is, and anyone who reaches it gets a sign-in screen.`,
    );
    await expect(page.locator('[data-outcome] .status-pass')).toHaveCount(0);
    // What it did, said in the past tense (the preview's "Sets …" is for before).
    await expect(page.locator('[data-outcome] > ul').first().locator('li')).toHaveText([
      "Turned off the server's identity check (TLS) and sign-in before the session (Network Level Authentication).",
      'Saved the previous values first; the summary offers to undo the test.',
    ]);
    const tasks = ((await wizard.sim.windows.snapshot()) as { scheduledTasks?: Array<{ userId: string; taskPath: string }> })
      .scheduledTasks;
    expect(tasks).toEqual([expect.objectContaining({ userId: 'SYSTEM', taskPath: '\\RDP Doctor\\' })]);
    // One undo button on the page, in the result's red note: the bar above says the same without a second one.
    await expect(page.getByRole('button', { name: WORDS.undoOne })).toHaveCount(1);
    await expect(page.locator('[data-outcome] .test-mode-note').getByRole('button', { name: WORDS.undoOne })).toBeVisible();
    await wizard.shot('28-fix-verified-server-isolation-test');
    await page.getByRole('button', { name: WORDS.undoOne }).click();
    await expect(bar).toHaveCount(0);
    expect(await rdpTcpSecurity(wizard.sim.windows)).not.toMatchObject({ securityLayer: 0, userAuthentication: 0 });
    // The undo took its timer with it.
    expect(((await wizard.sim.windows.snapshot()) as { scheduledTasks?: unknown[] }).scheduledTasks ?? []).toEqual([]);
    expect(wizard.consoleErrors).toEqual([]);
  });
});
