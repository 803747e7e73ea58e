import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Wizard } from './support/wizard';
import { FixEngine } from '../electron/main/fixes/run-fix';
import { ProcessDied } from '../electron/main/fixes/process-died';
import { JournalFile } from '../electron/main/fixes/journal-file';
import { getFix } from '../shared/catalog/fixes';
import { WORDS } from '../shared/catalog/words';
import { listenerThumbprint, rdpTcpSecurity, userModeRulesOn } from './support/machine';

const target = { host: 'srv-app01.corp.example', port: 3389 };
/** The two "Remote Desktop - User Mode" rules the firewall fix turns on, TCP then UDP. */
const rulesOn = (w: Wizard) => userModeRulesOn(w.sim.windows);

async function diagnose(wizard: Wizard) {
  const { page } = wizard;
  await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.locator('[data-finding]').first()).toBeVisible();
}

test.describe('safety: recovery and undo, driven like a person would', () => {
  test('a fix cut short by a crash is shown at start and undone', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('firewall-rule-disabled', {}, async (sim) => {
      // The previous session died after turning the rules on, before it could record that.
      sim.windows.faults = { killAfter: 'fix-enable-firewall-rdp' };
      await new FixEngine(sim.ports).apply('enable-firewall-rdp', target, false).catch((err: unknown) => {
        if (!(err instanceof ProcessDied)) throw err;
      });
      sim.windows.faults = {};
    });
    expect(await rulesOn(wizard)).toEqual([true, true]);
    const card = page.locator('[data-interrupted]');
    await expect(card).toContainText('“Turn on the Remote Desktop firewall rules” on srv-app01.corp.example did not finish');
    await expect(card).toContainText('the change may be half done');
    await wizard.shot('20-interrupted-fix-at-start');

    // One word per thing: the card offers to finish the change or undo it, in the wizard's words.
    await expect(card.getByRole('button')).toHaveText([WORDS.finish, WORDS.undoOne]);
    await card.getByRole('button', { name: WORDS.undoOne }).click();
    const done = page.locator('[data-resolved="rolled-back"]');
    await expect(done.locator('strong')).toHaveText('“Turn on the Remote Desktop firewall rules”');
    await expect(done.locator('p')).toHaveText(/^Undone: Firewall rule "Remote Desktop - User Mode \(TCP-In\)" disabled again/);
    await expect(page.locator('[data-interrupted]')).toHaveCount(0);
    expect(await rulesOn(wizard)).toEqual([false, false]);
    await wizard.shot('21-interrupted-fix-rolled-back');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('a fix cut short between backup and apply can be finished instead', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('firewall-rule-disabled', {}, async (sim) => {
      sim.windows.faults = { killBefore: 'fix-enable-firewall-rdp' };
      await new FixEngine(sim.ports).apply('enable-firewall-rdp', target, false).catch(() => undefined);
      sim.windows.faults = {};
    });
    await page.locator('[data-interrupted]').getByRole('button', { name: WORDS.finish }).click();
    await expect(page.locator('[data-resolved="finished"] p')).toHaveText('Fixed: the check that found the problem passes now.');
    expect(await rulesOn(wizard)).toEqual([true, true]);
  });

  test('"Undo all changes" puts back this session\'s fix and names the earlier one that cannot be undone apart', async ({ wizard }) => {
    const { page } = wizard;
    let originalThumbprint: string | null = null;
    await wizard.open('firewall-rule-disabled', {}, async (sim) => {
      originalThumbprint = await listenerThumbprint(sim.windows);
      // An earlier session made a new certificate.
      await new FixEngine(sim.ports).apply('regenerate-rdp-certificate', target, false);
    });
    expect(originalThumbprint).not.toBeNull();
    expect(await listenerThumbprint(wizard.sim.windows)).not.toBe(originalThumbprint);
    await diagnose(wizard);
    await page
      .locator('[data-finding]')
      .first()
      .getByRole('button', { name: /Turn on the Remote Desktop firewall rules/ })
      .click();
    await expect(page.getByText('Windows will ask once for administrator permission.')).toBeVisible();
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    await page.getByRole('button', { name: 'Summary' }).click();

    // One spelling per computer: this PC is the server, so it is not also "127.0.0.1".
    await expect(page.locator('[data-summary-server]')).toHaveText('This PC (SRV-APP01)');
    await page.getByRole('button', { name: WORDS.undoAll }).click();
    const confirm = page.getByRole('group', { name: 'Confirm undo all' });
    // Every change it will touch, with machine and date, before it asks; the earlier certificate
    // cannot be put back, so it is named apart and never counted.
    await expect(confirm).toContainText('Undo this change from the backups RDP Doctor saved, newest first?');
    await expect(confirm.locator('[data-undo-plan]')).toHaveCount(1);
    await expect(confirm.locator('[data-undo-plan]').nth(0)).toContainText('Turn on the Remote Desktop firewall rules on SRV-APP01,');
    await expect(confirm.locator('[data-undo-left-out]')).toHaveCount(1);
    await expect(confirm.locator('[data-undo-left-out-heading]')).toHaveText("Stays as it is (can't be undone):");
    await expect(confirm.locator('[data-undo-left-out]')).toContainText(
      'Make Windows create a new Remote Desktop certificate on SRV-APP01, ',
    );
    await expect(confirm.locator('[data-undo-left-out]')).toContainText("Can't be undone: Windows made a new certificate");
    // Two lists, each with an honest label and counts that agree: this run's one change, and every
    // change still in place on the computer (the earlier certificate too).
    await expect(page.locator('[data-changes-heading]')).toHaveText('Changes made this time (1)');
    await expect(page.locator('.changes > li')).toHaveCount(1);
    await expect(confirm.locator('[data-undo-all-scope]')).toHaveText(
      "Every change RDP Doctor has made on SRV-APP01 and not undone, in this run or an earlier one: 2 (1 can be undone, 1 can't).",
    );
    await wizard.shot('22-summary-undo-all-confirm');
    const prompts = wizard.sim.windows.prompts;
    await confirm.getByRole('button', { name: 'Yes, undo it' }).click();
    await expect(page.locator('.changes li')).toContainText('undone');
    await expect(page.getByRole('button', { name: WORDS.undoAll })).toHaveCount(0);
    expect(await rulesOn(wizard)).toEqual([false, false]);
    // The certificate Windows made stays: the old one's key was never exportable (the catalog says so).
    expect(await listenerThumbprint(wizard.sim.windows)).not.toBe(originalThumbprint);
    expect(wizard.sim.windows.prompts - prompts).toBe(1);
    // The result names what stayed, as the question did.
    await expect(page.locator('[data-undo-left-out]')).toHaveText(
      /^Stays as it is: Make Windows create a new Remote Desktop certificate on SRV-APP01, .*: Can't be undone: Windows made a new certificate/,
    );
    // The outcome leads: the state things are in now, and the next thing to do as the one accent.
    const now = page.locator('[data-summary-outcome="undone"]');
    // Not "as before": the certificate Windows made stays, and the heading says so.
    await expect(now.locator('h2')).toHaveText(
      "Undone: “Turn on the Remote Desktop firewall rules” on SRV-APP01. One change stays: “Make Windows create a new Remote Desktop certificate” (can't be undone).",
    );
    // The heading says what was undone: no green line below saying it again.
    await expect(page.locator('[data-undo-all]')).toHaveCount(0);
    await expect(now.locator('[data-summary-now]')).toHaveText(
      'Remote Desktop will fail again with 0x904 / 0x7 until the cause is fixed: Windows Firewall on the server blocks Remote Desktop.',
    );
    await expect(page.locator('button.primary')).toHaveText(['Back to findings']);
    await wizard.shot('23-summary-undo-all-done');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('a weakened setting left from an earlier session is offered for revert at start', async ({ wizard }) => {
    const { page } = wizard;
    // An earlier session ran the isolation test (TLS and Network Level Authentication off) with no
    // timer, and was closed before it was undone: the catalog's real weakening change, on the server.
    let before: Awaited<ReturnType<typeof rdpTcpSecurity>> | null = null;
    await wizard.open('healthy', {}, async (sim) => {
      before = await rdpTcpSecurity(sim.windows);
      await new FixEngine(sim.ports).apply('rdp-security-isolation-test', target, true, null);
    });
    expect(getFix('rdp-security-isolation-test').risk).toContain('changes-security');
    expect(await rdpTcpSecurity(wizard.sim.windows)).toMatchObject({ securityLayer: 0, userAuthentication: 0 });
    const offer = page.locator('[data-awaiting-revert]');
    await expect(offer.locator('strong')).toHaveText(
      '“Test with TLS and Network Level Authentication turned off (weakens security)” still weakens security on srv-app01.corp.example',
    );
    await expect(offer.getByRole('button')).toHaveText([WORDS.keep, WORDS.undoOne]);
    await wizard.shot('24-weakened-setting-at-start');
    await offer.getByRole('button', { name: WORDS.undoOne }).click();
    await expect(page.locator('[data-resolved="reverted"] p')).toHaveText(/^Undone: /);
    expect(await rdpTcpSecurity(wizard.sim.windows)).toEqual(before);
  });

  test('a damaged journal is reported at start, with where the damaged copy was kept', async ({ wizard }) => {
    const { page } = wizard;
    const dir = mkdtempSync(join(tmpdir(), 'rdpd-e2e-'));
    try {
      const path = join(dir, 'journal.json');
      writeFileSync(path, '[{"id":"3f1c","fixId":"enable-firewall-rdp","target":{"host":"srv');
      await wizard.open('healthy', { journal: new JournalFile(path) });
      const alert = page.getByRole('alert').filter({ hasText: 'record of the changes it made was damaged' });
      await expect(alert).toContainText('No change recorded in it could be read. The damaged file was kept as');
      await expect(alert).toContainText('journal.json.corrupt-');
      await expect(alert.locator('p').last()).toHaveText('Start the diagnosis: it checks the current settings and offers each fix again.');
      await wizard.shot('25-journal-damaged');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('saying "No" to the administrator prompt is "Cancelled", with nothing changed', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('firewall-rule-disabled');
    wizard.sim.windows.faults.declineElevation = true;
    await diagnose(wizard);
    await page
      .locator('[data-finding]')
      .first()
      .getByRole('button', { name: /Turn on the Remote Desktop firewall rules/ })
      .click();
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    const outcome = page.locator('[data-outcome]');
    await expect(outcome).toHaveAttribute('data-outcome', 'cancelled');
    await expect(outcome).toContainText('Administrator permission was not given, so nothing was changed.');
    expect(await rulesOn(wizard)).toEqual([false, false]);
    await wizard.shot('26-fix-cancelled');

    wizard.sim.windows.faults.declineElevation = false;
    await outcome.getByRole('button', { name: 'Ask again' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    expect(await rulesOn(wizard)).toEqual([true, true]);
  });
});
