import { test, expect } from './support/wizard';
import { WORDS } from '../shared/catalog/words';
import { UnavailableWindows } from '../electron/main/powershell/script-runner';
import { NOT_WINDOWS } from '../shared/server-place';
import { everyRdpRuleOff, everyRdpRuleOn, listenerThumbprint } from './support/machine';

test.describe('the wizard, driven like a person would', () => {
  test('firewall rule disabled on office-pc: helpdesk connects over remoting, fixes it there, verifies, undoes', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.otherComputer('office-pc', { blocked: true });
    await wizard.open('firewall-rule-disabled', {}, undefined, { runsOn: 'client' });
    const laptopBefore = await wizard.sim.windows.snapshot();
    wizard.sim.windows.delayMs = 700;
    await wizard.shot('01-target');

    await page.getByLabel('Computer name or IP address').fill('office-pc');
    await page.getByRole('switch', { name: 'Show technical details' }).check();
    await page.getByRole('button', { name: 'Start diagnosis' }).click();

    // Live progress: this computer's checks ran while the silent port was waited on, and still run.
    await expect(page.getByRole('heading', { name: /^Checking office-pc/ })).toBeVisible();
    await expect(page.locator('[data-check="tcp-port"]')).toHaveAttribute('data-status', 'fail', { timeout: 10_000 });
    await expect(page.locator('[data-check="client-saved-credentials"]')).toHaveAttribute('data-status', 'pass');
    await expect(page.locator('[data-check^="client-"][data-status="running"]')).toHaveCount(1);
    await expect(page.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'waiting');
    await wizard.shot('02-scan-in-progress');
    // The rest at full speed: there are many checks, and the screenshot has been taken.
    wizard.sim.windows.delayMs = 0;

    // From here alone the port is silently dropped; the server itself was not checked.
    await expect(page.getByRole('heading', { name: 'What we found' })).toBeVisible();
    await expect(page.locator('[data-finding]').first()).toContainText('Something silently blocks the Remote Desktop port');
    await expect(page.locator('[data-server-place="not-checked"]')).toBeVisible();

    // Remoting to office-pc: its own checks replace "not checked".
    const card = page.getByRole('region', { name: 'office-pc', exact: true });
    await card.getByLabel('User name').fill('OFFICE-PC\\admin');
    await card.getByLabel('Password').fill('correct horse battery staple');
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByRole('button', { name: 'Run the diagnosis again' }).click();
    // One strip: where the server's checks ran, how, as whom and when; office-pc spelled as typed.
    await expect(page.locator('[data-where-ran]')).toHaveCount(1);
    await expect(page.locator('[data-where-ran="remoting"]')).toHaveText(
      /^Server checks ran on office-pc, via PowerShell remoting as OFFICE-PC\\admin, \d{1,2}:\d{2}( [AP]M)?\.$/,
    );
    // The card no longer asks for the run that just happened.
    await expect(card.locator('[data-remote="connected"]')).toContainText('The server checks on this page ran there');
    await expect(page.getByRole('button', { name: 'Run the diagnosis again' })).toHaveCount(0);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'firewall-blocks-rdp');
    await expect(top).toContainText('Windows Firewall on the server blocks Remote Desktop');
    await expect(top).toContainText('Found the cause');
    await top.getByText('Evidence').click();
    await expect(top).toContainText('is turned off');
    // Under the server's check: what to run on office-pc; RDP Doctor's own line is folded away.
    const firewallCheck = page.locator('[data-check="server-firewall"]');
    await expect(firewallCheck.locator('[data-run-on]')).toHaveText('Run on office-pc (PowerShell)');
    await expect(firewallCheck.getByLabel('Readable PowerShell for server-firewall')).toContainText(
      "Get-NetFirewallRule -Group '@FirewallAPI.dll,-28752'",
    );
    await expect(page.getByText(/-EncodedArgs/).filter({ visible: true })).toHaveCount(0);
    await wizard.shot('03-findings-firewall');

    await top.getByRole('button', { name: /Turn on the Remote Desktop firewall rules/ }).click();
    await expect(page.getByRole('heading', { name: 'Turn on the Remote Desktop firewall rules' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'What will change on office-pc' })).toBeVisible();
    await expect(page.getByText('Needs administrator rights')).toBeVisible();
    // office-pc's network is Public: the risk is explained, with the safer choice.
    await expect(page.locator('[data-risk-note="public-network"]')).toContainText(
      "office-pc's network is set to Public, the setting for cafés and airports",
    );
    await expect(page.locator('[data-risk-note="public-network"]')).toContainText('set that network to Private on office-pc first');
    // It runs over remoting: no prompt on this computer is promised.
    await expect(page.locator('[data-permission]')).toHaveText(
      'It runs on office-pc over PowerShell remoting, with the administrator account you connected with: nothing asks for permission on this computer.',
    );
    await expect(page.getByText('Windows will ask once for administrator permission')).toHaveCount(0);
    // Helpdesk: what to run on office-pc, with the rules that are off named (not a placeholder), and its undo.
    const commands = page.locator('[data-commands="enable-firewall-rdp"]');
    await expect(commands.locator('[data-run-on]')).toHaveText('Run on office-pc (PowerShell as administrator)');
    await expect(commands.getByLabel('Readable PowerShell for enable-firewall-rdp')).toContainText(
      "Enable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP'",
    );
    await expect(commands.getByLabel('Undo for enable-firewall-rdp')).toContainText(
      "Disable-NetFirewallRule -Name 'RemoteDesktop-UserMode-In-TCP', 'RemoteDesktop-UserMode-In-UDP'",
    );
    await expect(commands).not.toContainText('<each rule');
    await expect(commands.getByRole('button', { name: /^Copy/ })).toHaveCount(3);
    await wizard.shot('04-fix-preview-firewall');

    await page.getByRole('button', { name: 'Apply the fix' }).click();
    const outcome = page.locator('[data-outcome]');
    await expect(outcome).toHaveAttribute('data-outcome', 'fixed');
    // What changed, named as Windows Firewall names the rules.
    await expect(outcome.locator(':scope > ul').first().locator(':scope > li')).toHaveText([
      'Enabled firewall rule "Remote Desktop - User Mode (TCP-In)"',
      'Enabled firewall rule "Remote Desktop - User Mode (UDP-In)"',
    ]);
    await expect(outcome.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'pass');
    expect(await everyRdpRuleOn(wizard.sim.server)).toBe(true);
    await wizard.shot('05-fix-verified-firewall');

    await outcome.getByRole('button', { name: 'Summary' }).click();
    await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
    await expect(page.locator('.changes li [data-change-where]')).toContainText('on office-pc, ');
    await wizard.shot('06-summary-before-undo');
    await page.getByRole('button', { name: WORDS.undoOne, exact: true }).click();
    await expect(page.locator('.changes li')).toContainText('undone');
    expect(await everyRdpRuleOff(wizard.sim.server)).toBe(true);
    // After the undo the summary says where things stand, and "Back to findings" is the accent.
    await expect(page.locator('[data-summary-outcome="undone"] h2')).toHaveText('Undone: office-pc is as before');
    await expect(page.locator('[data-summary-now]')).toHaveText(
      'Remote Desktop will fail again with 0x904 / 0x7 until the cause is fixed: Windows Firewall on the server blocks Remote Desktop.',
    );
    await expect(page.locator('button.primary')).toHaveText(['Back to findings']);
    await wizard.shot('07-summary-undone');
    // The laptop's own (disabled) Remote Desktop rules were never touched.
    expect(await wizard.sim.windows.snapshot()).toEqual(laptopBefore);
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('certificate expired on this computer (the server), helpdesk: sees the commands, fixes, verifies', async ({ wizard }) => {
    const { page } = wizard;
    // The listener shows the expired certificate too: the probe agrees with the server's store.
    const port = await wizard.brokenListener('expired-certificate');
    const opened = Date.now();
    await wizard.open('certificate-expired', {}, undefined, { targetPort: port });
    await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${port}`);
    await page.getByRole('switch', { name: 'Show technical details' }).check();
    await page.getByRole('button', { name: 'Start diagnosis' }).click();

    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'certificate-unusable');
    // The scenario's certificate ended 7 days 9 hours before its moment; the simulated server
    // keeps the real clock (machine-clock.ts), so it ended that long before now.
    const expiredOn = (at: number) =>
      new Date(at - Date.parse('2026-11-21T09:00:00.000Z') + Date.parse('2026-11-14T00:00:00.000Z')).toISOString().slice(0, 10);
    await expect(top).toContainText(new RegExp(`expired on (?:${expiredOn(opened)}|${expiredOn(Date.now())})`));
    // Under the check: what to run on the server (this computer, by its name), not RDP Doctor's
    // own line, which is folded away under "Exact command run".
    const check = page.locator('[data-check="server-certificate"]');
    await expect(check.locator('[data-run-on]')).toHaveText('Run on SRV-APP01 (PowerShell)');
    await expect(check.getByLabel('Readable PowerShell for server-certificate')).toContainText(
      "Get-ChildItem -LiteralPath 'Cert:\\LocalMachine\\Remote Desktop'",
    );
    const exact = check.getByLabel('Exact command run for server-certificate');
    await expect(exact).toBeHidden();
    await check.getByText('Exact command run', { exact: true }).click();
    await expect(exact).toHaveText(/^& '.*check-rdp-certificate\.ps1' -EncodedArgs '[A-Za-z0-9+/=]+'$/);
    await check.getByText('Exact command run', { exact: true }).click();
    await wizard.shot('08-findings-certificate-helpdesk');

    await top.getByRole('button', { name: /new Remote Desktop certificate/ }).click();
    await expect(page.getByText('Restarts Remote Desktop services')).toBeVisible();
    await expect(page.getByLabel('Exact command: back up, backup-rdp-certificate.ps1')).toContainText(
      /^& '.*backup-rdp-certificate\.ps1' -EncodedArgs/,
    );
    // The certificate to remove, by the thumbprint the check read: no <thumbprint> to fill in.
    const thumb = await listenerThumbprint(wizard.sim.windows);
    const change = page.getByLabel('Readable PowerShell for regenerate-rdp-certificate');
    await expect(change).toContainText(
      `Remove-Item -LiteralPath (Join-Path -Path 'Cert:\\LocalMachine\\Remote Desktop' -ChildPath '${thumb}') -DeleteKey`,
    );
    await expect(change).not.toContainText('<thumbprint>');
    // The backup folder is the one this run will use, as Windows writes it (issue 23, item 6).
    await expect(change).toContainText(/Join-Path -Path 'C:\\ProgramData\\RDP Doctor\\backups\\[0-9a-f-]{36}' -ChildPath/);
    await expect(change).not.toContainText(/<[a-z][^>]*>|\/tmp\//);
    await wizard.shot('09-fix-preview-certificate-helpdesk');
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    await expect(page.locator('[data-outcome]')).toContainText('Windows created certificate');
    await wizard.shot('10-fix-verified-certificate');
  });

  test('the network type: asked up front, chosen by keyboard, and it words the advice', async ({ wizard }) => {
    test.setTimeout(150_000);
    const { page } = wizard;
    await wizard.open('client-vpn-drops-udp');
    await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
    await page.getByText('More options').click();
    const group = page.getByRole('group', { name: 'How do you reach that computer?' });
    await expect(group.getByRole('radio', { name: /Directly, without a VPN/ })).toBeChecked();
    // A radio group: one Tab stop, arrow keys move the choice.
    await group.getByRole('radio', { name: /Directly, without a VPN/ }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(group.getByRole('radio', { name: /Corporate VPN/ })).toBeChecked();
    await expect(group.getByRole('radio', { name: /Corporate VPN/ })).toBeFocused();
    await wizard.shot('15-target-network-type');

    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    const top = page.locator('[data-finding]').first();
    // Every check script runs in real PowerShell: on a shared build machine, longer than one step's wait.
    await expect(top).toHaveAttribute('data-finding', 'vpn-drops-udp', { timeout: 60_000 });
    await expect(top).toContainText('You are connected through a VPN ("Ethernet 3")');
    await expect(top).toContainText('ask IT before changing it');
    // No certain cause: the first card is advice ("Worth trying first"), never "most likely".
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No certain cause yet');
    await expect(top.locator('.badge').first()).toHaveText('Worth trying first');
    // The plain words for UDP (issue 23): no "TCP only" on the home path.
    await expect(top).toContainText('Turning UDP off for Remote Desktop is harmless and easy to undo.');
    expect(await page.locator('main').innerText()).not.toMatch(/\bTCP\b/);
    // Every expander on the page looks the same (Evidence, Technical details, All checks), and the
    // one reached by keyboard shows the focus ring.
    const summaries = page.locator('details > summary');
    expect(await summaries.count()).toBeGreaterThanOrEqual(3);
    const looks = await summaries.evaluateAll((all) =>
      all.map((s) => {
        const c = getComputedStyle(s);
        return `${c.color} ${c.fontSize} ${c.fontWeight}`;
      }),
    );
    expect(new Set(looks).size, looks.join(' | ')).toBe(1);
    const evidence = top.locator('summary', { hasText: 'Evidence' });
    await top.getByRole('heading').first().click();
    await evidence.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(evidence).toBeFocused();
    expect(await evidence.evaluate((s) => s.matches(':focus-visible') && getComputedStyle(s).outlineStyle === 'solid')).toBe(true);
    await wizard.shot('16-findings-vpn-udp');

    await top.getByRole('button', { name: /Make Remote Desktop stop using UDP/ }).click();
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');
    await expect(page.locator('[data-outcome] [data-check="client-udp"]')).toHaveAttribute('data-status', 'pass');
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('the network type left alone: inferred from this PC (a VPN is up), said, and used when the user agrees', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('client-vpn-drops-udp');
    await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    const inferred = page.locator('[data-inferred-network="vpn"]');
    await expect(inferred).toContainText(
      'The advice assumed Directly, without a VPN, but a VPN connection is up on this PC ("Ethernet 3")',
    );
    await expect(page.locator('[data-finding]').first()).not.toContainText('ask IT before changing it');
    await wizard.shot('17-findings-network-type-inferred');
    await inferred.getByRole('button', { name: 'Use Corporate VPN and check again' }).click();
    await expect(page.locator('[data-finding]').first()).toContainText('ask IT before changing it', { timeout: 20_000 });
    await expect(inferred).toHaveCount(0);
    await page.getByRole('button', { name: 'Summary' }).click();
    await expect(page.locator('.session-facts')).toContainText('Corporate VPN');
  });

  test('bad input gets a clear message and runs nothing', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('healthy');
    await page.getByLabel('Computer name or IP address').fill("srv01'; Remove-Item C:\\");
    await page.getByText('More options').click();
    await page.getByLabel('Port (optional)').fill('70000');
    await page.getByLabel('Port (optional)').press('Enter');
    await expect(page.locator('#host-error')).toHaveText(/not a valid computer name/);
    await expect(page.locator('#port-error')).toHaveText('The port must be between 1 and 65535.');
    await expect(page.getByLabel('Computer name or IP address')).toHaveAttribute('aria-invalid', 'true');
    await wizard.shot('11-target-invalid');
    // Only the read-only list of recent computers was read (at start); no check ran.
    expect(wizard.sim.windows.runs.map((r) => r.script)).toEqual(['read-client-mru']);
  });

  test('a healthy server: no problem found, whole wizard by keyboard', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('healthy');
    await page.keyboard.type(`127.0.0.1:${wizard.rdpPort}`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'No problem found' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'No problem found' })).toBeFocused();
    // This PC is the server: the next steps say to try from another PC by its name, never "ask whoever runs 127.0.0.1".
    const next = page.getByRole('region', { name: 'If Remote Desktop still does not connect' });
    await expect(next).toContainText('127.0.0.1 always means the PC you are on');
    await expect(next).not.toContainText('Ask whoever runs');
    // Every check passed: trying is what the page says to do next, so it is the accent.
    await expect(page.locator('button.primary')).toHaveText(['Try connecting now']);
    await wizard.shot('12-findings-healthy');
  });

  test('not on Windows: the network checks run, the Windows checks say why they cannot', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('healthy', {
      windows: new UnavailableWindows(NOT_WINDOWS),
    });
    await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    // What is known leads (it answered as Remote Desktop; Windows settings cannot be read here) with
    // what to do; the count of what could not run comes below it, not as the headline.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('127.0.0.1 answers as Remote Desktop');
    await expect(page.locator('[data-lead="windows-unreadable"]')).toHaveText(
      'The network is fine: 127.0.0.1 answered as Remote Desktop and the secure connection began as it should. What decides the rest are Windows settings, and none of them could be read from this computer.',
    );
    await expect(page.locator('[data-what-to-do]')).toHaveText(
      'What to do: open RDP Doctor on the Windows computer you connect from, or on the server itself.',
    );
    await expect(page.locator('[data-where-ran]')).toHaveText('Server checks could not run: this computer is not running Windows.');
    await expect(page.locator('.unchecked-count')).toHaveText('Could not check 27 of 30:');
    await expect(page.locator('.unchecked-reasons li')).toHaveText([
      'These checks run Windows PowerShell, and this computer is not running Windows. (27 checks)',
    ]);
    await page.getByText(/All checks/).click();
    await expect(page.locator('[data-check="tcp-port"]')).toHaveAttribute('data-status', 'pass');
    await expect(page.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'unavailable');
    // One reason, said once for the 25 checks it stopped.
    await expect(page.locator('[data-same-reason]').filter({ hasText: 'not running Windows' })).not.toHaveCount(0);
    await expect(
      page
        .getByText('These checks run Windows PowerShell, and this computer is not running Windows.', { exact: true })
        .filter({ visible: true }),
    ).toHaveCount(0);
    // Nothing changed: "Try connecting now" is there but not the accent (it would only fail again).
    await expect(page.getByRole('button', { name: 'Try connecting now' })).not.toHaveClass(/primary/);
    await expect(page.locator('button.primary')).toHaveCount(0);
    await wizard.shot('13-findings-not-windows');
  });

  test('the page has no Node, and the bridge refuses calls from another origin', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.open('healthy');
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    // Inline script is blocked by the CSP.
    const inlineRan = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.head.appendChild(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(inlineRan).toBe(false);
    await page.goto('about:blank');
    const reply = await page.evaluate(() =>
      (window as unknown as { rdpDoctor: { getAppInfo(r: unknown): Promise<unknown> } }).rdpDoctor.getAppInfo({}),
    );
    expect(reply).toMatchObject({ ok: false, error: { kind: 'untrusted-sender' } });
  });
});

test('opening a .rdp file fills in the computer and port, and names the gateway', async ({ wizard }) => {
  const { page } = wizard;
  await wizard.open('healthy');
  const rdp = 'full address:s:srv-app01.corp.example:3390\r\ngatewayhostname:s:rdgw.corp.example\r\ngatewayusagemethod:i:1\r\n';
  await page.locator('input[type=file]').setInputFiles({
    name: 'Work PC.rdp',
    mimeType: 'application/x-rdp',
    buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rdp, 'utf16le')]),
  });
  await expect(page.getByLabel('Computer name or IP address')).toHaveValue('srv-app01.corp.example');
  await expect(page.getByLabel('Port (optional)')).toHaveValue('3390');
  await expect(page.getByRole('status').filter({ hasText: 'Loaded Work PC.rdp' })).toContainText('rdgw.corp.example');
  await wizard.shot('14-target-from-rdp-file');
});
