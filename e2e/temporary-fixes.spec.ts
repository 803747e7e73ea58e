import { WORDS } from '../shared/catalog/words';
import { test, expect, type Wizard } from './support/wizard';
import { serverReportOf } from '../test/support/server-report';

/**
 * A temporary fix (here the isolation test, TLS and Network Level Authentication off) that goes
 * into a fix script for the server's administrator undoes itself after the time chosen in the
 * app, as it would when applied from here (issue 24 §3): the choice is on screen, the saved
 * script's -RevertAfterMinutes default carries it, and the run lines say it.
 */

/** The laptop diagnoses office-pc (TLS off, NLA on) and opens office-pc's own report. */
async function officePcFromItsReport(wizard: Wizard) {
  const { page } = wizard;
  const office = await wizard.otherComputer('office-pc');
  await wizard.open('nla-without-tls', {}, undefined, { runsOn: 'client' });
  await page.getByLabel('Computer name or IP address').fill('office-pc');
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.locator('h1[data-verdict]')).toBeVisible({ timeout: 60_000 });
  const report = await serverReportOf(
    wizard.sim.server,
    { name: 'OFFICE-PC', dnsName: null, addresses: [office.address] },
    { host: 'office-pc', port: 3389 },
  );
  await page.locator('input[type="file"][accept*="json"]').setInputFiles({
    name: 'rdp-doctor-report-OFFICE-PC.json',
    mimeType: 'application/json',
    buffer: Buffer.from(report),
  });
  await expect(page.locator('[data-server-place="report"]')).toContainText('office-pc: from its own report', { timeout: 20_000 });
  await expect(page.locator('[data-finding]').first()).toHaveAttribute('data-finding', 'security-settings-conflict');
}

const isolationTest = /Test with TLS and Network Level Authentication turned off/;

test.describe('temporary fixes in a fix script undo themselves after the time chosen', () => {
  // A scan and the server's report made by the real scripts: more than a minute on a busy machine.
  test.describe.configure({ timeout: 180_000 });
  test('Fix step, not from this computer: "In 15 minutes" goes into the saved script and its run lines', async ({ wizard }) => {
    const { page } = wizard;
    await officePcFromItsReport(wizard);
    await page.locator('[data-test-fix="rdp-security-isolation-test"]').getByRole('button', { name: isolationTest }).click();
    const notHere = page.locator('[data-not-here]');
    await expect(notHere).toContainText('RDP Doctor is not running there');
    // The shortest time is chosen for the user; "only when I undo it" is never the default.
    const choice = notHere.getByRole('group', { name: 'Undo it by itself' });
    await expect(choice.getByRole('radio', { name: /In 15 minutes/ })).toBeChecked();
    await expect(choice.getByRole('radio', { name: /Only when I undo it/ })).not.toBeChecked();
    await choice.getByRole('radio', { name: /In an hour/ }).check();
    await choice.getByRole('radio', { name: /In 15 minutes/ }).check();

    // The script makes the change that weakens security: the same explicit tick as applying it here.
    const make = notHere.getByRole('button', { name: 'Make a fix script for office-pc' });
    await expect(make).toBeDisabled();
    await notHere.getByRole('checkbox', { name: WORDS.understandWeakens }).check();
    await make.click();
    const file = await wizard.saved(notHere);
    expect(file.fileName).toBe('rdp-doctor-fix-office-pc.ps1');
    expect(file.text).toContain("Id        = 'rdp-security-isolation-test'");
    expect(file.text).toContain("[int]$RevertAfterMinutes = '15'");
    expect(file.text).toContain('puts it back 15 minutes after it is applied');
    await expect(notHere.locator('[data-script-revert-after]')).toHaveText(
      'office-pc undoes its temporary change by itself 15 minutes after the script runs.',
    );
    await expect(notHere.getByLabel('Command to run the fix script on office-pc')).toHaveText(
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\rdp-doctor-fix-office-pc.ps1 -AcceptSecurityChange',
    );
    await wizard.shot('60-fix-script-temporary-15-minutes');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('findings card: the time choice appears with a temporary fix ticked, and the chosen hour goes into the script', async ({
    wizard,
  }) => {
    const { page } = wizard;
    await officePcFromItsReport(wizard);
    await page.getByText('Someone else runs the server? Make a fix script for its administrator').click();
    const maker = page.locator('.remote-computer');
    const isolation = maker.getByRole('checkbox', { name: isolationTest });
    // The weakening test is never ticked for the user, so no time to choose yet.
    await expect(isolation).not.toBeChecked();
    await expect(maker.getByRole('checkbox', { name: /Use TLS for Remote Desktop again/ })).toBeChecked();
    await expect(maker.getByRole('group', { name: 'Undo it by itself' })).toHaveCount(0);

    // The test turns TLS off, the suggested fix turns it on: while one is ticked the other cannot
    // be, and says why in one line.
    const useTls = maker.getByRole('checkbox', { name: /Use TLS for Remote Desktop again/ });
    await expect(isolation).toBeDisabled();
    await expect(maker.locator('[data-unavailable="rdp-security-isolation-test"]')).toHaveText(
      'Not together with “Use TLS for Remote Desktop again”: one turns TLS off, the other turns it on.',
    );
    // The reason is the box's description for a screen reader; its name stays the fix's title.
    await expect(isolation).toHaveAccessibleDescription(
      'Not together with “Use TLS for Remote Desktop again”: one turns TLS off, the other turns it on.',
    );
    await useTls.uncheck();
    await isolation.check();
    await expect(useTls).toBeDisabled();
    await expect(maker.locator('[data-unavailable="require-tls-security-layer"]')).toHaveText(
      'Not together with “Test with TLS and Network Level Authentication turned off (weakens security)”: one turns TLS off, the other turns it on.',
    );
    const choice = maker.getByRole('group', { name: 'Undo it by itself' });
    await expect(choice.getByRole('radio', { name: /In 15 minutes/ })).toBeChecked();
    await choice.getByRole('radio', { name: /In an hour/ }).check();
    // The same explicit tick the app asks for before it makes the change itself; never pre-ticked.
    const make = maker.getByRole('button', { name: 'Make a fix script for office-pc' });
    const understood = maker.getByRole('checkbox', { name: WORDS.understandWeakens });
    await expect(understood).not.toBeChecked();
    await expect(make).toBeDisabled();
    await understood.check();
    await make.click();
    const file = await wizard.saved(maker);
    expect(file.text).toContain("Id        = 'rdp-security-isolation-test'");
    expect(file.text).not.toContain("Id        = 'require-tls-security-layer'");
    expect(file.text).toContain("[int]$RevertAfterMinutes = '60'");
    await expect(maker.locator('[data-script-revert-after]')).toHaveText(
      'office-pc undoes its temporary change by itself an hour after the script runs.',
    );
    await wizard.shot('61-findings-fix-script-temporary-hour');
    expect(wizard.consoleErrors).toEqual([]);
  });
});
