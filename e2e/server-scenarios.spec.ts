import { test, expect, type Wizard } from './support/wizard';

/** Fills the target with the loopback port that stands for the server, and runs the scan. */
async function diagnose(wizard: Wizard, helpdesk = false, port = wizard.rdpPort) {
  const { page } = wizard;
  await page.getByLabel('Computer name or IP address').fill('127.0.0.1');
  await page.getByLabel('Port (optional)').fill(String(port));
  if (helpdesk) await page.getByText('Helpdesk', { exact: true }).click();
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.getByRole('heading', { name: 'What we found' })).toBeVisible({ timeout: 15_000 });
}

test.describe('the remote computer: causes found and fixed', () => {
  test('the RDP key file shuts out NETWORK SERVICE: one finding, repaired by SID, verified', async ({ wizard }) => {
    const { page } = wizard;
    // RDP Doctor on the server itself; its listener resets the handshake, as an unreadable key makes it do.
    const port = await wizard.brokenListener('key-unreadable');
    await wizard.open('key-file-permissions');
    await diagnose(wizard, true, port);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'rdp-key-unreadable');
    await expect(top).toContainText('NETWORK SERVICE');
    await expect(page.locator('[data-finding]')).toHaveCount(1);
    await wizard.shot('20-findings-server-key-permissions');

    await top.getByRole('button', { name: /read its certificate's key again/ }).click();
    await expect(page.getByText('Needs administrator rights')).toBeVisible();
    await expect(page.getByLabel('Command 1')).toContainText('backup-rdp-key-permissions.ps1');
    await wizard.shot('21-fix-preview-server-key-permissions');
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    const outcome = page.locator('[data-outcome]');
    await expect(outcome).toHaveAttribute('data-outcome', 'fixed');
    await expect(outcome.locator('[data-check="server-key-permissions"]')).toHaveAttribute('data-status', 'pass');
    await wizard.shot('22-fix-verified-server-key-permissions');
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
    await wizard.shot('24-fix-preview-server-tls12');
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    await wizard.shot('25-fix-verified-server-tls12');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test("Microsoft's isolation test: says it weakens security, needs a tick, and can be put back", async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('nla-without-tls');
    await diagnose(wizard);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'security-settings-conflict');
    await wizard.shot('26-findings-server-security-conflict');

    await top.getByRole('button', { name: /Test with TLS and NLA turned off/ }).click();
    await expect(page.getByText('Weakens security', { exact: true })).toBeVisible();
    await expect(page.locator('.lead')).toContainText('WEAKENS SECURITY');
    const apply = page.getByRole('button', { name: 'Apply the fix' });
    await expect(apply).toBeDisabled();
    await wizard.shot('27-fix-preview-server-isolation-test');
    await page.getByText('I understand this weakens security').click();
    await apply.click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    expect(wizard.sim.windows.state.registry.rdpTcp).toMatchObject({ securityLayer: 0, userAuthentication: 0 });
    await wizard.shot('28-fix-verified-server-isolation-test');
    expect(wizard.consoleErrors).toEqual([]);
  });
});
