import { test, expect, type Wizard } from './support/wizard';
import { WORDS } from '../shared/catalog/words';
import type { Locator, Page } from '@playwright/test';
import { listenerThumbprint } from './support/machine';

/**
 * Keyboard only, as a person who cannot use a mouse: Tab (or Shift+Tab) until the control has
 * focus, then Enter or Space. Fails when the control cannot be reached within a screenful of stops.
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    // A target that is not on the page fails in seconds, naming it, rather than at the test's timeout.
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 5_000 }).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target} by keyboard in ${max} stops`);
}

const thumbprint = (w: Wizard) => listenerThumbprint(w.sim.windows);

test('home user, keyboard only: name, Start, the one fix, try connecting, it works', async ({ wizard }) => {
  const { page } = wizard;
  const launched: string[] = [];
  // This computer is the server; its listener shows the expired certificate the store holds.
  const port = await wizard.brokenListener('expired-certificate');
  await wizard.open(
    'certificate-expired',
    { desktop: { launchRemoteDesktop: async (t) => void launched.push(t.host), showLog: async () => 'C:\\logs\\main.log' } },
    undefined,
    { targetPort: port },
  );
  const before = await thumbprint(wizard);
  // The caret starts in the one field; Enter starts.
  await expect(page.getByLabel('Computer name or IP address')).toBeFocused();
  await page.keyboard.type(`127.0.0.1:${port}`);
  await page.keyboard.press('Enter');
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('What we found', { timeout: 20_000 });
  await expect(title).toBeFocused();
  // Reached by the keyboard: the focused heading shows a ring.
  await expect(title).toHaveCSS('outline-style', 'solid');
  await expect(title).toHaveCSS('outline-width', '2px');
  // Technical details are closed for a home user.
  await expect(page.locator('[data-finding]').first().locator('details.technical')).not.toHaveAttribute('open', '');

  // One primary button on the view, and it is the fix of the most likely cause.
  await expect(page.locator('button.primary')).toHaveCount(1);
  const fix = page
    .locator('[data-finding]')
    .first()
    .getByRole('button', { name: /new Remote Desktop certificate/ });
  await expect(fix).toHaveClass(/primary/);
  await tabTo(page, fix);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // The people it affects come first.
  await expect(page.locator('[data-disconnects]')).toHaveText(
    'Everyone connected to SRV-APP01 by Remote Desktop is disconnected while its services restart.',
  );
  const apply = page.getByRole('button', { name: 'Apply the fix' });
  await tabTo(page, apply);
  await page.keyboard.press('Enter');

  // Focus lands on the result's heading; the result's one primary is "Try connecting now".
  const result = page.locator('[data-outcome] h2').first();
  await expect(result).toHaveText('Fixed');
  await expect(result).toBeFocused();
  expect(await thumbprint(wizard)).not.toBe(before);
  await expect(page.locator('button.primary')).toHaveCount(1);
  await expect(result).toHaveCSS('outline-style', 'solid');
  // A new certificate cannot be put back: said, and no undo offered.
  await expect(page.locator('[data-outcome] [data-cannot-undo]')).toBeVisible();
  await expect(page.locator('[data-outcome]').getByRole('button', { name: 'Undo this change' })).toHaveCount(0);
  await tabTo(page, page.getByRole('button', { name: 'Try connecting now' }));
  await page.keyboard.press('Enter');
  expect(launched).toEqual(['127.0.0.1']);
  await tabTo(page, page.getByRole('button', { name: 'Yes, it works' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeFocused();
  await expect(page.locator('[data-connect-tries]')).toContainText('Connected');
  await wizard.shot('40-keyboard-home-summary');
  expect(wizard.consoleErrors).toEqual([]);
});

test('helpdesk, keyboard only: the switch, the commands, the fix, undo from the summary', async ({ wizard, context }) => {
  const { page } = wizard;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const port = await wizard.brokenListener('key-unreadable');
  await wizard.open('key-file-permissions', {}, undefined, { targetPort: port });
  // The switch sits in the header, before the field: Shift+Tab back to it, Space turns it on.
  const toggle = page.getByRole('switch', { name: 'Show technical details' });
  await tabTo(page, toggle, { back: true });
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  await tabTo(page, page.getByLabel('Computer name or IP address'));
  await page.keyboard.type(`127.0.0.1:${port}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'What we found' })).toBeFocused({ timeout: 20_000 });
  // Technical details open, with the Microsoft article.
  const top = page.locator('[data-finding]').first();
  await expect(top.locator('details.technical')).toHaveAttribute('open', '');
  await expect(top.getByRole('link', { name: /Learn more at Microsoft/ })).toHaveAttribute('href', /^https:\/\/learn\.microsoft\.com\//);

  await tabTo(page, top.getByRole('button', { name: /read its certificate's key again/ }));
  await page.keyboard.press('Enter');
  // Readable PowerShell and its undo, open for helpdesk: to run on the server (this computer, by
  // its name), with the key file the check found put in, never a <placeholder>.
  const readable = page.getByLabel('Readable PowerShell for repair-rdp-key-permissions');
  await expect(page.locator('[data-commands="repair-rdp-key-permissions"] h4').first()).toHaveText(
    'Run on SRV-APP01 (PowerShell as administrator)',
  );
  await expect(readable).toContainText(/^icacls\.exe '[^']*MachineKeys[\\/]f686aace6942fb7f7ceb231212eef4a4_[0-9a-f-]+' \/L \/remove:d/m);
  await expect(page.getByLabel('Undo for repair-rdp-key-permissions')).toContainText("icacls.exe '");
  await expect(page.locator('[data-commands="repair-rdp-key-permissions"] pre.code:visible')).not.toContainText(['<key file>']);
  // The line RDP Doctor itself sends is folded away under "Exact command run".
  await expect(page.getByText('-EncodedArgs', { exact: false }).filter({ visible: true })).toHaveCount(0);
  // Every block has its Copy, reached by keyboard; it says "Copied", and the clipboard holds the lines.
  const copy = page
    .locator('[data-commands="repair-rdp-key-permissions"] .command')
    .first()
    .getByRole('button', { name: /^(Copy|Copied)\b/ });
  await tabTo(page, copy);
  await page.keyboard.press('Enter');
  await expect(copy).toHaveText(/^Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await readable.textContent());
  await wizard.shot('41-keyboard-helpdesk-fix-preview');
  await tabTo(page, page.getByRole('button', { name: 'Apply the fix' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-outcome] h2').first()).toBeFocused();
  await tabTo(page, page.locator('[data-outcome]').getByRole('button', { name: 'Summary' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: WORDS.undoOne, exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.changes li')).toContainText('undone');
  // Remembered: the next launch starts with technical details on.
  await page.reload();
  await expect(page.getByRole('switch', { name: 'Show technical details' })).toBeChecked();
  expect(wizard.consoleErrors).toEqual([]);
});
