import { test, expect } from './support/wizard';
import { plainTextProblems } from '../shared/catalog/wording';

/*
 * Issue 24 §1: a certificate from the company's CA that Remote Desktop was pointed at has
 * expired, while its renewal sits unused beside it. The scan names the certificate and offers to
 * point Remote Desktop at the valid one (chosen again on the server), which is verified and can
 * be undone.
 */
test('an expired CA certificate with its renewal beside it: found, Remote Desktop pointed at the renewal, verified, undone', async ({
  wizard,
}) => {
  // A scan runs every check script in real PowerShell on a shared, loaded machine.
  test.setTimeout(240_000);
  const { page } = wizard;
  await wizard.open('ca-certificate-expired-renewed-beside');
  await page.getByLabel('Computer name or IP address').fill('127.0.0.1');
  await page.getByText('More options').click();
  await page.getByLabel('Port (optional)').fill(String(wizard.rdpPort));
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.getByRole('heading', { name: 'What we found' })).toBeVisible({ timeout: 120_000 });

  const top = page.locator('[data-finding]').first();
  await expect(top).toHaveAttribute('data-finding', 'certificate-unusable');
  // An administrator chose this certificate: nothing is removed, the valid one beside it is offered.
  await expect(top).toContainText('An administrator installed this certificate');
  await expect(top).toContainText('another valid certificate Remote Desktop can use instead');
  await expect(top.getByRole('button', { name: /Make Windows create a new/ })).toHaveCount(0);
  const plain = (await top.innerText()).replaceAll('SRV-APP01', 'the server');
  expect(plainTextProblems(plain)).toEqual([]);
  await wizard.shot('60-findings-ca-certificate-expired');

  await page.getByRole('switch', { name: 'Show technical details' }).check();
  await top.getByText('Technical details').first().click();
  await expect(top).toContainText('SSLCertificateSHA1HashType 3');
  await wizard.shot('61-findings-ca-certificate-technical');

  await top.getByRole('button', { name: /Point Remote Desktop at a valid certificate/ }).click();
  await expect(page.locator('[data-commands="repoint-rdp-certificate"]')).toContainText('Set-CimInstance');
  await expect(page.locator('[data-commands="repoint-rdp-certificate"]')).not.toContainText('<the certificate chosen on the server>');
  await page.getByRole('button', { name: 'Apply the fix' }).click();
  const outcome = page.locator('[data-outcome]');
  await expect(outcome).toHaveAttribute('data-outcome', 'fixed', { timeout: 90_000 });
  await expect(outcome.locator('[data-check="server-certificate"]')).toHaveAttribute('data-status', 'pass');
  await expect(outcome).toContainText('Pointed Remote Desktop at certificate');
  await wizard.shot('62-fix-verified-ca-certificate');

  await outcome.getByRole('button', { name: 'Undo this change' }).click();
  await expect(page.getByText(/Pointed Remote Desktop back at certificate/).first()).toBeVisible({ timeout: 60_000 });
  expect(wizard.consoleErrors).toEqual([]);
});
