import { test, expect } from './support/wizard';
import type { MachineState } from '../shared/simulated/machine-state';

/*
 * Issue 24 §4, "Any error code in, the right checks out": the first step takes the error the
 * user saw (typed, pasted from the dialog, or read from this computer's own Remote Desktop log),
 * says in one sentence what it means, and the diagnosis puts the causes that explain it first.
 */
/** The laptop's last attempt: to office-pc, ended with 516 (0x204), as its log holds it (1024, then 1026 of one activity). */
function lastAttemptToOfficePc(state: MachineState) {
  const activityId = 'c0000000-0000-4000-8000-000000000024';
  const at = (minutesAgo: number) => new Date(Date.parse(state.now) - minutesAgo * 60_000).toISOString();
  state.client.rdpClientLog.events.push(
    { id: 1024, time: at(3), activityId, server: 'office-pc', reason: null },
    { id: 1026, time: at(2.9), activityId, server: null, reason: 516 },
  );
}

test("the last attempt read from this computer's log: 0x204 is explained, and the blocked port it points to comes first", async ({
  wizard,
}) => {
  // Two simulated computers, a log read and a full scan: more than the default minute on a loaded machine.
  test.slow();
  const { page } = wizard;
  await wizard.otherComputer('office-pc', { blocked: true });
  await wizard.open('firewall-rule-disabled', {}, undefined, { runsOn: 'client', editThisPc: lastAttemptToOfficePc });

  await page.getByRole('button', { name: 'Read my last attempt' }).click();
  // The laptop's PowerShell may still be starting (its first script is the recent-computers list).
  await expect(page.locator('[data-last-attempt]')).toContainText('Your last attempt (to office-pc) ended with 0x204', { timeout: 45_000 });
  await expect(page.getByLabel('Computer name or IP address')).toHaveValue('office-pc');
  await expect(page.getByLabel('The error Remote Desktop showed (optional)')).toHaveValue('0x204');
  const meaning = page.locator('[data-error-meaning]');
  await expect(meaning).toHaveAttribute('data-error-meaning', 'checks');
  await expect(meaning).toContainText('0x204 means this computer could not open a connection to the server at all');
  expect(wizard.sim.windows.runs.map((r) => r.script)).toContain('read-client-last-disconnect');
  await wizard.shot('02-first-step-error-code');

  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  const top = page.locator('[data-finding]').first();
  // Every check runs in PowerShell on both simulated computers: on a loaded machine, longer than a click.
  await expect(top).toHaveAttribute('data-finding', 'firewall-blocks-rdp', { timeout: 90_000 });
  await expect(top.getByText('The error you see now')).toBeAttached();
  await expect(top).toContainText('0x204 (disconnectReasonSocketConnectFailed: Windows Sockets connect failed) points to this.');
});

test('a pasted dialog no check can explain is said honestly; text without a code is refused and runs nothing', async ({ wizard }) => {
  test.slow();
  const { page } = wizard;
  await wizard.open('healthy');
  await page.getByLabel('Computer name or IP address').fill(`127.0.0.1:${wizard.rdpPort}`);
  const error = page.getByLabel('The error Remote Desktop showed (optional)');

  await error.fill('It says something about the remote computer, I clicked it away');
  const runs = wizard.sim.windows.runs.length;
  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'No error code found in that text. Type the code, for example 0x204, or paste the whole message.',
  );
  await expect(page.getByRole('heading', { name: "Which computer can't you connect to?" })).toBeVisible();
  expect(wizard.sim.windows.runs.length).toBe(runs);

  await error.fill(
    'Your Remote Desktop Services session has ended.\n\nThe remote computer ended the session.\n\nError code: 0x3\nExtended error code: 0x112f',
  );
  const meaning = page.locator('[data-error-meaning]');
  await expect(meaning).toHaveAttribute('data-error-meaning', 'none');
  await expect(meaning).toContainText("the server's display part of Remote Desktop failed");
  await expect(meaning).toContainText('RDP Doctor cannot check this one');
  await wizard.shot('03-first-step-cannot-check');

  await page.getByRole('button', { name: 'Start diagnosis' }).click();
  const honest = page.locator('[data-finding="reported-error-not-checkable"]');
  await expect(honest).toContainText('RDP Doctor cannot check what causes 0x3 (extended 0x112f)', { timeout: 90_000 });
  await expect(honest).toContainText('No check RDP Doctor runs can see this');
  // Not "No problem found": the error the user sees is not explained by what was checked.
  await expect(page.getByRole('heading', { name: 'No problem found' })).toHaveCount(0);
});
