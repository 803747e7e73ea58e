import { test, expect } from './support/wizard';

test('the HTML report opens in Chromium and shows the whole session', async ({ wizard, context }) => {
  const { page } = wizard;
  await wizard.open('certificate-expired');
  await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  const top = page.locator('[data-finding]').first();
  await top.getByRole('button', { name: /new Remote Desktop certificate/ }).click();
  await page.getByRole('button', { name: 'Apply the fix' }).click();
  await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
  // The new certificate cannot be put back: said where the undo would be, and no undo offered.
  await expect(page.locator('[data-outcome] [data-cannot-undo]')).toHaveText(
    "Can't be undone: Windows made a new certificate, and the old one is gone for good.",
  );
  await expect(page.locator('[data-outcome]').getByRole('button', { name: /Undo/ })).toHaveCount(0);
  await page.locator('[data-outcome]').getByRole('button', { name: 'Summary' }).click();
  const change = page.locator('.changes li');
  await expect(change).toHaveCount(1);
  await expect(change.locator('[data-cannot-undo]')).toContainText("Can't be undone");
  await expect(page.getByRole('button', { name: /Undo/ })).toHaveCount(0);
  // The outcome leads, and trying to connect stays the one accent until the user answers.
  const outcome = page.locator('[data-summary-outcome]');
  await expect(outcome.getByRole('heading')).toHaveText('Fixed: now try connecting');
  await expect(outcome).toContainText('Make Windows create a new Remote Desktop certificate on SRV-APP01: fixed, its check passes again');
  await expect(page.locator('button.primary')).toHaveText(['Try connecting now']);
  await expect(page.getByText(/most likely:/)).toHaveCount(0);
  await page.getByLabel('Ticket number (optional, goes into the report)').fill('INC-4711');
  await wizard.shot('30-summary-with-report');

  await page.getByRole('button', { name: 'Save report', exact: true }).click();
  const { fileName, path, text: html } = await wizard.saved();
  expect(fileName).toMatch(/^rdp-doctor-127\.0\.0\.1-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.html$/);
  // Said in full, with the folder one click away.
  await expect(page.getByRole('status').filter({ hasText: `Saved to ${path}.` })).toBeVisible();
  await wizard.shot('35-report-saved');
  await page.getByRole('button', { name: 'Open folder' }).click();
  await expect.poll(() => wizard.revealed).toEqual([path]);

  const report = await context.newPage();
  await report.setContent(html);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText(`RDP Doctor report: 127.0.0.1:${wizard.rdpPort}`);
  await expect(report.getByText("The server's Remote Desktop certificate is unusable")).toBeVisible();
  await expect(report.getByRole('cell', { name: 'Remote Desktop certificate', exact: true })).toBeVisible();
  await expect(report.getByRole('row', { name: /Make Windows create a new Remote Desktop certificate/ })).toContainText('fixed');
  // The result first, with when it was verified and what the user said; the ticket; each check after the fix.
  await expect(report.locator('[data-result]')).toHaveText(
    /^Result: fixed “Make Windows create a new Remote Desktop certificate”, checks passed again .+; the user confirmed it connects: not yet\.$/,
  );
  await expect(report.locator('[data-ticket]')).toHaveText('INC-4711');
  await expect(report.locator('tr[data-check="server-certificate"] td').nth(1)).toHaveText('passafter the fix; before: fail');
  // Commands never wrap in the report: a long one scrolls inside its cell, the page stays its width.
  const exact = report.locator('tr[data-check="server-certificate"] pre').last();
  expect(await exact.evaluate((c) => getComputedStyle(c).whiteSpace)).toBe('pre');
  await report.locator('tr[data-check="server-certificate"] summary', { hasText: 'Exact command run' }).click();
  await expect(exact).toContainText('-EncodedArgs');
  expect(await exact.evaluate((c) => c.scrollWidth > c.clientWidth)).toBe(true);
  expect(await report.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // The handshake was not run again by the fix: its row says it is from before the fix.
  await expect(report.locator('tr[data-check="rdp-handshake"] td').nth(1)).toHaveText(/^warnbefore the fix, not checked again$/);
  await expect(report.locator('h2', { hasText: 'Findings' })).toHaveText('Findings (before the changes below)');
  // A key file's name or a thumbprint is one token on one line.
  await expect(report.locator('code.token').first()).toHaveCSS('white-space', 'nowrap');
  // No table is wider than the page, no cell spills into the next, on screen and on A4 paper
  // (190 mm between margins at 96 dpi: 718 px); on paper no command is cut off either.
  const spills = () =>
    report.evaluate(() =>
      [...document.querySelectorAll('td, th, pre')]
        .filter((e) => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
        .filter((e) => e.tagName !== 'PRE' || matchMedia('print').matches)
        .map((e) => e.textContent?.slice(0, 60)),
    );
  expect(await spills()).toEqual([]);
  await report.screenshot({ path: 'e2e/screenshots/31-report-html.png', fullPage: true });
  await report.emulateMedia({ media: 'print' });
  await report.setViewportSize({ width: 718, height: 1000 });
  expect(await report.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  expect(await spills()).toEqual([]);
  await report.screenshot({ path: 'e2e/screenshots/31-report-print.png', fullPage: true });

  await page.getByRole('button', { name: 'Save report as a data file' }).click();
  await expect(page.locator('[data-saved-file$=".json"]')).toBeVisible();
  const data = JSON.parse((await wizard.saved()).text);
  expect(data.changes).toEqual([
    expect.objectContaining({ fixId: 'regenerate-rdp-certificate', status: 'fixed', undoState: 'in place, cannot be undone' }),
  ]);
  expect(html).not.toContain('can be undone</small>');
  expect(data.scan.findings[0].id).toBe('certificate-unusable');
});

test('dark theme follows the system', async ({ wizard }) => {
  const { page } = wizard;
  await page.emulateMedia({ colorScheme: 'dark' });
  await wizard.open('firewall-rule-disabled');
  await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.locator('[data-finding]').first()).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor);
  expect(background).toBe('rgb(20, 24, 31)');
  await wizard.shot('32-findings-dark');
});
