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
  await page.locator('[data-finding]').first().getByRole('button', { name: /new Remote Desktop certificate/ }).click();
  await page.getByRole('button', { name: 'Apply the fix' }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');

  await page.getByRole('button', { name: 'Try connecting now' }).click();
  await expect(page.getByRole('group', { name: 'Did Remote Desktop connect?' })).toBeVisible();
  expect(launched).toEqual([{ host: '127.0.0.1', port: wizard.rdpPort }]);
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
