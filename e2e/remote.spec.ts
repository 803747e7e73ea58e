import { join } from 'node:path';
import { test, expect, type Wizard } from './support/wizard';
import { PowerShellSession, pwshPath } from '../electron/main/powershell/session';
import { RemoteService } from '../electron/main/remote/service';
import { loadScriptTexts } from '../electron/main/remote/script-texts';
import { connectOnce } from '../electron/main/probe/tcp';

test.describe('the remote computer, from the findings step', () => {
  test('helpdesk: WinRM is not enabled is said plainly; a fix script for the server is made and downloaded', async ({ wizard }) => {
    const { page } = wizard;
    // office-pc drops 3389; nothing listens on its WinRM ports 5985/5986, so its kernel refuses them.
    await wizard.otherComputer('office-pc', { blocked: true });
    // Remoting's WinRM port check is real: TCP to office-pc's 5985/5986, its name read from the test's hosts map.
    const remote = new RemoteService({
      platform: 'win32',
      wrapperPath: 'C:\\Program Files\\RDP Doctor\\resources\\scripts\\invoke-remote.ps1',
      reachability: {
        connect: (address, port, timeoutMs) => connectOnce(wizard.hosts[address.toLowerCase()]?.[0] ?? address, port, timeoutMs),
      },
      startSession: null,
      texts: () => loadScriptTexts(join(__dirname, '../assets/scripts')),
    });
    await wizard.open('firewall-rule-disabled', { remote }, undefined, { runsOn: 'client' });
    await page.getByLabel('Computer name or IP address').fill('office-pc');
    await page.getByRole('switch', { name: 'Show technical details' }).check();
    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    await expect(page.getByRole('heading', { name: 'What we found' })).toBeVisible({ timeout: 15_000 });

    const card = page.getByRole('region', { name: 'office-pc', exact: true });
    await expect(card).toBeVisible();

    // PowerShell remoting: the host is prefilled from the target.
    await expect(card.getByLabel('Server', { exact: true })).toHaveValue('office-pc');
    await card.getByRole('button', { name: 'Connect' }).click();
    await expect(card.getByText('Enter the user name')).toBeVisible();
    await card.getByLabel('User name').fill('CONTOSO\\helpdesk');
    await card.getByLabel('Password').fill('not-a-real-password');
    await card.getByLabel('Password').press('Enter');
    const refused = card.locator('[data-remote="refused"]');
    await expect(refused).toHaveAttribute('data-problem', 'not-enabled');
    await expect(refused).toContainText('WinRM is not enabled on office-pc');
    await expect(card.getByLabel('Command that fixes it')).toHaveText('Enable-PSRemoting -Force');
    await expect(card.getByLabel('Password')).toHaveValue('');
    expect(await page.content()).not.toContain('not-a-real-password');

    // The fix script: the finding's server fix is chosen already.
    const firewallFix = card.getByRole('checkbox', { name: /Turn on the Remote Desktop firewall rules/ });
    await expect(firewallFix).toBeChecked();
    await expect(card.getByRole('checkbox', { name: /new Remote Desktop certificate/ })).not.toBeChecked();
    await card.getByRole('button', { name: 'Make a fix script for office-pc' }).click();
    const { fileName, text: content } = await wizard.saved(card);
    expect(fileName).toBe('rdp-doctor-fix-office-pc.ps1');
    expect(content.startsWith('\uFEFF# RDP Doctor: a fix script for the remote computer')).toBe(true);
    expect(content).toContain("$RdpDoctorTarget = 'office-pc'");
    expect(content).toContain("Id        = 'enable-firewall-rdp'");
    expect(content).not.toContain("Id        = 'regenerate-rdp-certificate'");
    expect(content).toContain('function Invoke-RdpFixEnableFirewallRdp {');
    expect(content).toContain('function Invoke-RdpUndoEnableFirewallRdp {');
    expect(content).toMatch(/^Set-StrictMode -Version Latest\r$/m);
    await expect(card.getByRole('status').filter({ hasText: 'Saved to' })).toContainText(`Saved to ${wizard.downloads}`);
    await expect(card.getByRole('status').filter({ hasText: 'Saved to' })).toContainText(
      'Copy it to office-pc: the lines below run it there.',
    );
    // The exact lines to run it there and to undo it, each with Copy.
    await expect(card.getByLabel('Command to run the fix script on office-pc')).toHaveText(
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\rdp-doctor-fix-office-pc.ps1',
    );
    await expect(card.getByLabel('Command to undo the fix script on office-pc')).toHaveText(
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\rdp-doctor-fix-office-pc.ps1 -Undo',
    );
    await wizard.shot('15-findings-remote-computer-helpdesk');

    // Nothing chosen: the button waits for a choice.
    await firewallFix.uncheck();
    await expect(card.getByRole('button', { name: 'Make a fix script for office-pc' })).toBeDisabled();
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('the server is this computer: no remoting form and no script to send, for anyone', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('certificate-expired');
    await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    await expect(page.locator('[data-finding]').first()).toBeVisible();
    await expect(page.locator('details.remote-computer')).toHaveCount(0);
    await page.getByRole('switch', { name: 'Show technical details' }).check();
    await expect(page.getByRole('button', { name: /Make a fix script/ })).toHaveCount(0);
    await expect(page.getByLabel('Password')).toHaveCount(0);
  });
});

test.describe('connected over PowerShell remoting (a stand-in PowerShell plays the server)', () => {
  /**
   * Remoting to office-pc through the stand-in PowerShell (test/support/fake-powershell.mjs): its
   * invoke-remote.ps1 runs the real check scripts on the scenario's server machine (the one the
   * simulation loaded for office-pc, so the wire, the scripts and the remoting run agree).
   */
  function standInRemote(wizard: Wizard) {
    const pwsh = pwshPath();
    if (!pwsh) throw new Error('The stand-in server runs the check scripts in pwsh, and pwsh was not found.');
    return new RemoteService({
      platform: 'win32',
      wrapperPath: 'C:\\Program Files\\RDP Doctor\\resources\\scripts\\invoke-remote.ps1',
      // WinRM over HTTPS only (an IP address over HTTP would need TrustedHosts).
      reachability: {
        connect: async (address, port) =>
          port === 5986 ? { address, state: 'open', ms: 1, error: null } : { address, state: 'refused', ms: 1, error: 'ECONNREFUSED' },
      },
      startSession: (env) => {
        const files = wizard.sim.server.computer.machineFiles();
        if (!files) throw new Error("office-pc's machine is not loaded yet.");
        const server = JSON.stringify({ pwsh, ...files });
        return new PowerShellSession({
          executable: join(__dirname, '../test/support/fake-powershell.mjs'),
          timeoutMs: 60_000,
          env: () => ({ ...env(), RDP_DOCTOR_FAKE_SERVER: server }),
        });
      },
      texts: () => loadScriptTexts(join(__dirname, '../assets/scripts')),
    });
  }

  /** The helpdesk's scan of office-pc from the laptop, before remoting: its server checks are not run. */
  async function scanFromLaptop(wizard: Wizard, scenario: string, remote: RemoteService) {
    await wizard.open(scenario, { remote }, undefined, { runsOn: 'client' });
    await wizard.page.getByLabel('Computer name or IP address').fill('office-pc');
    await wizard.page.getByRole('switch', { name: 'Show technical details' }).check();
    await wizard.page.getByRole('button', { name: 'Start diagnosis' }).click();
    // Two computers' sessions start cold on a shared build machine: a person would wait too.
    await expect(wizard.page.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'not-checked', {
      timeout: 90_000,
    });
  }

  async function connectAsHelpdesk(wizard: Wizard) {
    const card = wizard.page.getByRole('region', { name: 'office-pc', exact: true });
    await card.getByLabel('User name').fill('CONTOSO\\helpdesk');
    await card.getByLabel('Password').fill('correct horse battery staple');
    await card.getByRole('button', { name: 'Connect' }).click();
    const connected = card.locator('[data-remote="connected"]');
    await expect(connected.locator('strong')).toHaveText('Connected to office-pc as CONTOSO\\helpdesk');
    return connected;
  }

  /** "Server checks ran on office-pc, via remoting as CONTOSO\helpdesk, 9:13." and nothing after it. */
  const RAN_THERE_ALL = /^Server checks ran on office-pc, via PowerShell remoting as CONTOSO\\helpdesk, \d{1,2}:\d{2}( [AP]M)?\.$/;
  /** A server check that did not run (an error, or not checked). */
  const NOT_RUN = '[data-check^="server-"][data-status="error"], [data-check^="server-"][data-status="not-checked"]';

  test('connect, run the diagnosis again on the server, disconnect', async ({ wizard }) => {
    // Two scans of two computers, the second over the stand-in remoting: minutes on a busy machine.
    test.setTimeout(240_000);
    const { page } = wizard;
    // office-pc is another computer: not checked from here until the remoting session is open.
    await wizard.otherComputer('office-pc');
    // RDP Doctor runs on the helpdesk's laptop (its user's token); office-pc is the scenario's
    // server, reached only over remoting (the stand-in runs its checks on office-pc's machine).
    const remote = standInRemote(wizard);
    await scanFromLaptop(wizard, 'healthy', remote);

    const connected = await connectAsHelpdesk(wizard);
    const card = page.getByRole('region', { name: 'office-pc', exact: true });
    await expect(connected).toContainText('HTTPS, port 5986');
    // One spelling of the server (as typed), and no line left saying the checks ran nowhere or here:
    // the strip says this scan was before the session; the not-checked card and its offers are gone.
    await expect(page.locator('[data-where-ran]')).toHaveText(
      'Server checks have not run on office-pc yet: this scan was before RDP Doctor connected to it (PowerShell remoting as CONTOSO\\helpdesk). Run the diagnosis again to check it there.',
    );
    await expect(page.locator('[data-server-place]')).toHaveCount(0);
    // (The probe's evidence quotes what the server calls itself, OFFICE-PC: its words, not ours.)
    await expect(page.locator('[data-where-ran], .remote-computer').getByText(/OFFICE-PC|SRV01/)).toHaveCount(0);
    await expect(page.getByText('office-pc: not checked from this computer')).toHaveCount(0);
    // The next step is the accent: running the checks there, not trying to connect again.
    await expect(page.locator('button.primary')).toHaveText(['Run the diagnosis again']);
    await wizard.shot('16-findings-remote-connected');

    // Every server check ran on office-pc, over remoting: none is left "could not check".
    await connected.getByRole('button', { name: 'Run the diagnosis again' }).click();
    await expect(page.locator('[data-where-ran]')).toHaveText(RAN_THERE_ALL, { timeout: 90_000 });
    expect(await page.locator('[data-check^="server-"]').count()).toBeGreaterThanOrEqual(14);
    await expect(page.locator(NOT_RUN)).toHaveCount(0);
    await expect(page.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'pass');
    await expect(page.locator('[data-finding="firewall-blocks-rdp"]')).toHaveCount(0);
    await expect(connected).toContainText('The server checks on this page ran there');
    await expect(page.getByRole('heading', { name: 'This computer: LAPTOP-JÜRGEN' })).toHaveCount(1);
    await wizard.shot('16-findings-remote-ran-there');
    // Nothing about the server ever ran on this computer or in office-pc's own simulated session:
    // its checks went over remoting.
    expect(wizard.sim.windows.runs.some((r) => r.script === 'check-firewall-rdp')).toBe(false);
    expect(wizard.sim.server.runs.some((r) => r.script === 'check-firewall-rdp')).toBe(false);

    await card.getByRole('button', { name: 'Disconnect' }).click();
    await expect(card.getByRole('button', { name: 'Connect' })).toBeVisible();
    expect(await page.content()).not.toContain('correct horse');
    await remote.disconnect();
  });

  test('a cause planted on office-pc is found over remoting: its firewall rule is off', async ({ wizard }) => {
    test.setTimeout(240_000);
    const { page } = wizard;
    await wizard.otherComputer('office-pc', { blocked: true });
    const remote = standInRemote(wizard);
    await scanFromLaptop(wizard, 'firewall-rule-disabled', remote);

    const connected = await connectAsHelpdesk(wizard);
    await connected.getByRole('button', { name: 'Run the diagnosis again' }).click();
    await expect(page.locator('[data-where-ran]')).toHaveText(RAN_THERE_ALL, { timeout: 90_000 });
    // office-pc's own firewall check, run there, finds the rule that is off; the finding leads.
    await expect(page.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'fail');
    await expect(page.locator('[data-finding]').first()).toHaveAttribute('data-finding', 'firewall-blocks-rdp');
    await expect(page.locator(NOT_RUN)).toHaveCount(0);
    await wizard.shot('16-findings-remote-found-firewall');
    await remote.disconnect();
  });
});
