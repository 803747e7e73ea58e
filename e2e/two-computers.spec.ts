import { test, expect, type Wizard } from './support/wizard';
import { WORDS } from '../shared/catalog/words';
import { checks, type CheckDef } from '../shared/catalog/checks';
import { fixes, type FixDef } from '../shared/catalog/fixes';
import { serverReportOf } from '../test/support/server-report';

/**
 * The client and the server are two computers. RDP Doctor runs on a Windows 11 laptop as shipped
 * (Remote Desktop hosting off, its firewall group off, no certificate); office-pc is another
 * computer in its own network namespace on port 3389. Nothing of the server may ever be read from,
 * or changed on, the laptop.
 */

/** Every script that is about the server: none of them may run on the laptop. */
const serverScripts = new Set<string>([
  ...(checks as readonly CheckDef[]).flatMap((c) => (c.source.kind === 'script' && c.source.side === 'server' ? [c.source.script] : [])),
  ...(fixes as readonly FixDef[]).flatMap((f) => (f.side === 'server' ? [f.backupScript, f.script, f.undoScript] : [])),
]);

async function diagnose(wizard: Wizard, host: string) {
  const { page } = wizard;
  await page.getByLabel('Computer name or IP address').fill(host);
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.locator('h1[data-verdict]')).toBeVisible({ timeout: 20_000 });
}

const reportInput = (wizard: Wizard) => wizard.page.locator('input[type="file"][accept*="json"]');

test.describe('two computers, never confused', () => {
  test('the laptop case: office-pc is another computer, no remoting; its settings are "not checked here" and nothing offers to change this PC', async ({
    wizard,
  }) => {
    const { page } = wizard;
    await wizard.otherComputer('office-pc');
    // office-pc's wire comes from its state: a server that answers on 3389 (its firewall open).
    await wizard.open('healthy', {}, undefined, { runsOn: 'client' });
    const laptopBefore = await wizard.sim.windows.snapshot();
    await diagnose(wizard, 'office-pc');

    // No claim about office-pc's settings from the laptop. What is known
    // leads: this laptop and the network are fine, office-pc answered, the rest is on office-pc.
    await expect(page.locator('h1[data-verdict]')).toHaveAttribute('data-verdict', 'incomplete');
    await expect(page.locator('h1')).toHaveText('The problem is on office-pc');
    await expect(page.locator('[data-lead="server-elsewhere"]')).toHaveText(
      /^This computer \(LAPTOP-JÜRGEN\) and the network are fine: office-pc answered on the Remote Desktop port and began a secure connection\. What is left to check are \d+ of office-pc's own settings, and they can only be read on office-pc\.$/,
    );
    await expect(page.getByText(/^Could not check/)).toHaveCount(0);
    await expect(page.locator('[data-finding="firewall-blocks-rdp"]')).toHaveCount(0);
    await expect(page.locator('[data-finding="rdp-disabled"]')).toHaveCount(0);
    await expect(page.locator('[data-where-ran="not-checked"]')).toHaveText(
      'Server checks not run: RDP Doctor is not running on office-pc, nor connected to it.',
    );
    const card = page.locator('[data-server-place="not-checked"]');
    await expect(card.getByRole('heading', { name: 'office-pc: not checked from this computer' })).toBeVisible();
    // One accent, and it is "Show me how": nothing changed, so trying to connect again is not offered.
    await expect(page.locator('button.primary')).toHaveCount(1);
    await expect(page.locator('button.primary')).toHaveText('Show me how');
    await expect(page.getByRole('button', { name: 'Try connecting now' })).toHaveCount(0);
    await card.getByRole('button', { name: 'Show me how' }).click();
    await expect(card.locator('[data-show-me-how] li')).toHaveText([
      'Go to office-pc and open RDP Doctor there (install it if it is not there yet).',
      "Choose I am on the computer people can't connect to (under More options) and start the diagnosis. It then checks office-pc itself, and its fixes run there, each with a backup.",
      'Or send the report of this check (Summary, Save report) to whoever runs office-pc.',
    ]);
    await expect(card.getByRole('button', { name: 'I am on office-pc: check it here' })).toBeVisible();
    // One expander for someone else, holding the one script offer and the exact line to run there.
    await expect(page.locator('summary').filter({ hasText: /^Someone else/ })).toHaveCount(1);
    await expect(page.getByRole('button', { name: /Make a fix script/ })).toHaveCount(0);
    await card.getByText('Someone else manages office-pc?').click();
    await expect(card.getByRole('button', { name: 'Make a check script for office-pc' })).toBeVisible();
    await expect(card.getByLabel('Command to run on office-pc')).toHaveText(
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\rdp-doctor-check-office-pc.ps1 -Report',
    );
    await expect(page.getByRole('button', { name: /Turn on (Remote Desktop|the Remote Desktop firewall rules)/ })).toHaveCount(0);
    await wizard.shot('50-laptop-case-findings');

    await page.getByText(/All checks/).click();
    await expect(page.getByRole('heading', { name: 'This computer: LAPTOP-JÜRGEN' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'The server: office-pc' })).toBeVisible();
    await expect(page.locator('[data-check="server-firewall"]')).toHaveAttribute('data-status', 'not-checked');
    await expect(page.locator('[data-check="tcp-port"]')).toHaveAttribute('data-status', 'pass');
    // Passes fold into one line per computer; the server's unread settings are said once, not 13 times.
    await expect(page.locator('[data-group="The server: office-pc"] [data-same-reason]')).toHaveCount(1);
    await expect(page.locator('[data-group="The server: office-pc"] > details > summary')).toHaveText([/^\d+ not checked: /]);
    await expect(page.locator('[data-passed]').first()).toHaveText(/^\d+ passed/);
    await expect(page.locator('[data-check="tcp-port"]')).toBeHidden();
    await wizard.shot('51-laptop-case-all-checks');

    // Nothing about the server ran on the laptop, nothing asked for administrator rights, nothing changed.
    expect(wizard.sim.windows.runs.filter((r) => serverScripts.has(r.script))).toEqual([]);
    expect(wizard.sim.windows.prompts).toBe(0);
    expect(await wizard.sim.windows.snapshot()).toEqual(laptopBefore);
    expect(wizard.consoleErrors).toEqual([]);
  });

  test("the server's report: a foreign file is refused, the real one fills in office-pc's checks, and its fix goes into a script", async ({
    wizard,
  }) => {
    const { page } = wizard;
    const office = await wizard.otherComputer('office-pc', { blocked: true });
    await wizard.open('firewall-rule-disabled', {}, undefined, { runsOn: 'client' });
    const laptopBefore = await wizard.sim.windows.snapshot();
    await diagnose(wizard, 'office-pc');

    // From here alone: the port is silently dropped; the probe's finding stands on its own.
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'firewall-blocks-rdp');
    await expect(top).toContainText('Something silently blocks the Remote Desktop port');

    // The check script for office-pc's administrator.
    await page.getByText('Someone else manages office-pc?').click();
    await page.getByRole('button', { name: 'Make a check script for office-pc' }).click();
    const { fileName: checkName, text: script } = await wizard.saved();
    expect(checkName).toBe('rdp-doctor-check-office-pc.ps1');
    expect(script).toContain('[switch]$Report');
    expect(script).toContain("$RdpDoctorTarget = 'office-pc'");

    // A report from another server changes nothing.
    const foreign = await serverReportOf(
      wizard.sim.server,
      { name: 'SRV-B', dnsName: null, addresses: ['10.0.0.9'] },
      { host: 'srv-b', port: 3389 },
    );
    await reportInput(wizard).setInputFiles({
      name: 'rdp-doctor-report-SRV-B.json',
      mimeType: 'application/json',
      buffer: Buffer.from(foreign),
    });
    await expect(page.getByRole('alert')).toContainText('This report is from SRV-B, but you are diagnosing office-pc.');
    await expect(page.locator('[data-server-place="not-checked"]')).toBeVisible();

    // office-pc's own report: the scan runs again with its checks, marked with its name and time.
    const real = await serverReportOf(
      wizard.sim.server,
      { name: 'OFFICE-PC', dnsName: null, addresses: [office.address] },
      { host: 'office-pc', port: 3389 },
    );
    await reportInput(wizard).setInputFiles({
      name: 'rdp-doctor-report-OFFICE-PC.json',
      mimeType: 'application/json',
      buffer: Buffer.from(real),
    });
    const fromReport = page.locator('[data-server-place="report"]');
    await expect(fromReport).toContainText('office-pc: from its own report', { timeout: 20_000 });
    await expect(fromReport).toContainText('the report OFFICE-PC made on');
    const cause = page.locator('[data-finding]').first();
    await expect(cause).toHaveAttribute('data-finding', 'firewall-blocks-rdp');
    await expect(cause).toContainText('Windows Firewall on the server blocks Remote Desktop');
    await expect(cause).toContainText('Found the cause');
    await expect(cause.locator('[data-finding-computer]')).toHaveText('On office-pc');
    await wizard.shot('52-findings-from-server-report');

    // Its fix cannot run from the laptop: it goes into a fix script for office-pc.
    await cause.getByRole('button', { name: /Turn on the Remote Desktop firewall rules/ }).click();
    await expect(page.getByRole('heading', { name: 'What will change on office-pc' })).toBeVisible();
    await expect(page.locator('[data-not-here]')).toContainText('RDP Doctor is not running there');
    await expect(page.getByRole('button', { name: 'Apply the fix' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Make a fix script for office-pc' }).click();
    const fixFile = await wizard.saved(page.locator('[data-not-here]'));
    expect(fixFile.fileName).toBe('rdp-doctor-fix-office-pc.ps1');
    expect(fixFile.text).toContain("Id        = 'enable-firewall-rdp'");
    await expect(page.locator('[data-not-here]').getByLabel('Command to undo the fix script on office-pc')).toHaveText(
      'powershell.exe -NoProfile -ExecutionPolicy Bypass -File .\\rdp-doctor-fix-office-pc.ps1 -Undo',
    );
    await wizard.shot('53-fix-not-from-this-computer');

    expect(wizard.sim.windows.runs.filter((r) => serverScripts.has(r.script))).toEqual([]);
    expect(await wizard.sim.windows.snapshot()).toEqual(laptopBefore);
    expect(wizard.consoleErrors).toEqual([]);
  });

  test('the fix script for office-pc never ticks a change that weakens security', async ({ wizard }) => {
    const { page } = wizard;
    await wizard.otherComputer('office-pc');
    await wizard.open('nla-without-tls', {}, undefined, { runsOn: 'client' });
    await page.getByLabel('Computer name or IP address').fill('office-pc');
    await page.getByRole('switch', { name: 'Show technical details' }).check();
    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    const card = page.getByRole('region', { name: 'office-pc', exact: true });
    await card.getByLabel('User name').fill('OFFICE-PC\\admin');
    await card.getByLabel('Password').fill('correct horse battery staple');
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.getByRole('button', { name: 'Run the diagnosis again' }).click();
    await expect(page.locator('[data-finding]').first()).toHaveAttribute('data-finding', 'security-settings-conflict');
    const script = page.getByRole('region', { name: 'office-pc', exact: true });
    await expect(script.getByRole('checkbox', { name: /Use TLS for Remote Desktop again/ })).toBeChecked();
    await expect(
      script.getByRole('checkbox', { name: /Test with TLS and (NLA|Network Level Authentication) turned off/ }),
    ).not.toBeChecked();
    await expect(script.getByRole('checkbox', { name: /Test with TLS and (NLA|Network Level Authentication) turned off/ })).toBeVisible();
    // It would undo the suggested fix: unavailable while that is ticked, with the reason.
    await expect(script.getByRole('checkbox', { name: /Test with TLS and (NLA|Network Level Authentication) turned off/ })).toBeDisabled();
    await expect(script.locator('[data-unavailable="rdp-security-isolation-test"]')).toContainText(
      'one turns TLS off, the other turns it on',
    );
    await wizard.shot('56-fix-script-weakening-not-ticked');
  });

  test('this computer is the server because the user says so on the first step', async ({ wizard }) => {
    const { page } = wizard;
    // The public name a NAT forwards to this server: nothing about the name says it is this computer.
    await wizard.otherComputer('rdp.contoso.com');
    await wizard.open('brute-force', {}, undefined, { targetPort: 3389 });
    await page.getByLabel('Computer name or IP address').fill('rdp.contoso.com');
    await page.getByText('More options').click();
    await page.getByText("I am on the computer people can't connect to").click();
    await page.getByRole('button', { name: 'Start diagnosis' }).click();
    await expect(page.locator('[data-where-ran="this-computer"]')).toHaveText(
      /^Server checks ran on this computer, SRV-APP01 \(you said it is the server\), \d{1,2}:\d{2}( [AP]M)?\.$/,
      { timeout: 20_000 },
    );
    await expect(page.locator('[data-finding]').first()).toHaveAttribute('data-finding', 'connection-flood');
    await page.getByText(/All checks/).click();
    await expect(page.getByRole('heading', { name: 'The server: SRV-APP01' })).toBeVisible();
    // Nothing was changed and the cause has no fix here: trying again is offered, not pressed on
    // the user (no accent on the page; the finding's own advice is what to do next).
    await expect(page.getByRole('button', { name: 'Try connecting now' })).toBeVisible();
    await expect(page.locator('button.primary')).toHaveCount(0);
    await wizard.shot('54-this-computer-by-answer');
  });

  test('this computer is the server by its address: its fix runs here, named, and the summary keeps it after a new scan', async ({
    wizard,
  }) => {
    const { page } = wizard;
    const port = await wizard.brokenListener('key-unreadable');
    await wizard.open('key-file-permissions', {}, undefined, { targetPort: port });
    await diagnose(wizard, `127.0.0.1:${port}`);
    // One strip says where the server's checks ran; with the server this computer there is no
    // remoting form and no fix script to send anywhere.
    await expect(page.locator('[data-where-ran]')).toHaveCount(1);
    await expect(page.locator('[data-where-ran="this-computer"]')).toHaveText(
      /^Server checks ran on this computer, SRV-APP01 \(it is the server\), \d{1,2}:\d{2}( [AP]M)?\.$/,
    );
    await expect(page.getByRole('button', { name: /Make a fix script/ })).toHaveCount(0);
    await expect(page.getByText(/Make a fix script/)).toHaveCount(0);
    await expect(page.getByLabel('User name')).toHaveCount(0);
    const top = page.locator('[data-finding]').first();
    await expect(top).toHaveAttribute('data-finding', 'rdp-key-unreadable');
    await expect(top.locator('[data-finding-computer]')).toHaveText('On this computer (SRV-APP01)');
    await top.getByRole('button', { name: /read its certificate's key again/ }).click();
    await expect(page.getByRole('heading', { name: 'What will change on SRV-APP01' })).toBeVisible();
    await page.getByRole('button', { name: 'Apply the fix' }).click();
    await expect(page.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'fixed');

    // A new scan: the change made earlier stays in the summary, with where and when.
    await page.getByRole('button', { name: 'Back to findings' }).click();
    await page.getByRole('button', { name: 'Check another computer' }).click();
    await diagnose(wizard, `127.0.0.1:${port}`);
    await page.getByRole('button', { name: 'Summary' }).click();
    const change = page.locator('.changes li').first();
    await expect(change).toContainText('fixed');
    await expect(change.locator('[data-change-where]')).toContainText('on SRV-APP01, ');
    await page.getByRole('button', { name: WORDS.undoAll }).click();
    await expect(page.locator('[data-undo-plan]')).toHaveCount(1);
    await expect(page.locator('[data-undo-plan]')).toContainText('on SRV-APP01,');
    await expect(page.getByRole('group', { name: 'Confirm undo all' })).toContainText('Undo this change from the backups RDP Doctor saved');
    await expect(page.getByRole('button', { name: 'Yes, undo it' })).toBeVisible();
    await wizard.shot('55-undo-all-lists-changes');
  });
});
