import { test, expect } from './support/wizard';
import type { Target } from '../shared/target';

test('after a fix: try connecting now, and if it still fails, look for the next cause', async ({ wizard }) => {
  const { page } = wizard;
  const launched: Target[] = [];
  await wizard.open('certificate-expired', {
    desktop: { launchRemoteDesktop: async (t) => void launched.push(t), showLog: async () => 'C:\\logs\\main.log' },
  });
  await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await page
    .locator('[data-finding]')
    .first()
    .getByRole('button', { name: /new Remote Desktop certificate/ })
    .click();
  await page.getByRole('button', { name: 'Apply the fix' }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');

  await page.getByRole('button', { name: 'Try connecting now' }).click();
  await expect(page.getByRole('group', { name: 'Did Remote Desktop connect?' })).toBeVisible();
  expect(launched).toEqual([{ host: '127.0.0.1', port: wizard.rdpPort }]);
  // "Fixed" once, as the heading; the line under it says what that rests on.
  const outcome = page.locator('[data-outcome]');
  await expect(outcome.locator('h2')).toHaveText('Fixed');
  await expect(outcome.locator('[data-result-line]')).toHaveText('The check that found the problem passes now.');
  // What happened, in the past tense: the preview's "Saves … Removes … Restarts …" was for before.
  await expect(outcome.locator(':scope > ul').first().locator(':scope > li')).toHaveText([
    'Saved a copy of the old certificate, without its private key, to the backup folder, for the record.',
    'Removed the old certificate and its private key so Windows could make a new one.',
    /^Restarted Remote Desktop's services/,
  ]);
  await wizard.shot('33-try-connecting-asks');

  await page.getByRole('button', { name: /No, still the same error/ }).click();
  // The diagnosis runs again: the certificate is fixed now, so it is no longer the finding.
  await expect(page.getByRole('heading', { name: 'No problem found' })).toBeVisible();
  await page.getByRole('button', { name: 'Try connecting now' }).click();
  await page.getByRole('button', { name: 'Yes, it works' }).click();
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
});

test("the Remote Desktop client's recent computers are offered, and the log can be shown", async ({ wizard }) => {
  const { page } = wizard;
  await wizard.open('healthy', { desktop: { launchRemoteDesktop: async () => undefined, showLog: async () => 'C:\\logs\\main.log' } });
  await expect(page.locator('#recent-targets option')).toHaveCount(3);
  await expect(page.locator('#recent-targets option').nth(1)).toHaveAttribute('value', 'srv-app01.corp.example:3390');
  await page.getByRole('button', { name: 'Show log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Log: C:\\logs\\main.log' })).toBeVisible();
});

test('"A different error now": a bad code is refused and runs nothing; a real one re-runs the diagnosis and goes into the report', async ({
  wizard,
}) => {
  const { page } = wizard;
  await wizard.open('healthy', { desktop: { launchRemoteDesktop: async () => undefined, showLog: async () => 'C:\\logs\\main.log' } });
  await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.getByRole('heading', { name: 'No problem found' })).toBeVisible();
  // Not a dead end: what to try next.
  await expect(page.getByRole('region', { name: 'If Remote Desktop still does not connect' })).toContainText('Try from another PC');
  await page.getByRole('button', { name: 'Try connecting now' }).click();
  await page.getByRole('button', { name: 'A different error now' }).click();
  const code = page.getByLabel('The error code Remote Desktop shows now');
  await expect(code).toBeFocused();
  // Read like the first step: text without a code is refused with one sentence, and nothing runs.
  await code.fill('it just does not work');
  const runs = wizard.sim.windows.runs.length;
  await page.getByRole('button', { name: 'Look for the cause of this error' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'No error code found in that text. Type the code, for example 0x204, or paste the whole message.',
  );
  expect(wizard.sim.windows.runs.length).toBe(runs);
  await wizard.shot('34-different-error-asks');

  await code.fill('0x204');
  await code.press('Enter');
  await expect(page.locator('[data-reported-error="0x204"]')).toContainText('now shows error 0x204');
  expect(wizard.sim.windows.runs.length).toBeGreaterThan(runs);
  await page.getByRole('button', { name: 'Summary' }).click();
  await expect(page.locator('[data-connect-tries]')).toHaveText(/^A different error \(0x204\), /);
  await page.getByRole('button', { name: 'Save report as a data file' }).click();
  const data = JSON.parse((await wizard.saved()).text);
  expect(data.reportedError).toBe('0x204');
  expect(data.connectTries).toEqual([expect.objectContaining({ answer: 'different-error', code: '0x204' })]);
  expect(data.server).toBe('127.0.0.1');
  expect(data.thisComputer).toBe(data.scan.thisComputer);
});
