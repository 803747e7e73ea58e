import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';

/**
 * npm run demo: the real renderer in a browser (Debian's Chromium here, through playwright-core),
 * bound over HTTP to the real handlers and the simulated two computers. The test builds the demo
 * server (the renderer is built before the e2e tests, playwright.config.ts) and starts it as
 * `npm run demo` does.
 */
const ROOT = join(__dirname, '..');
const DEMO = join(ROOT, 'out', 'demo', 'demo.cjs');

function startDemo(env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; output: Promise<string>; url: Promise<string> } {
  const child = spawn(process.execPath, [DEMO, '--port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const output = new Promise<string>((resolve) => child.on('exit', () => resolve(text)));
  const url = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(text);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', () => reject(new Error(`the demo ended: ${text}`)));
  });
  return { child, output, url };
}

test.describe('npm run demo', () => {
  test.beforeAll(async () => {
    await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'demo/vite.config.mts'],
      {
        cwd: ROOT,
      },
    );
  });

  test('opens in Chromium with its token, picks a scenario, and the real checks find the planted cause', async ({ page, request }) => {
    const demo = startDemo();
    try {
      const url = await demo.url;
      const { origin } = new URL(url);
      // Without the token: nothing but a sentence; a call to the handlers is refused too.
      expect((await request.get(`${origin}/`)).status()).toBe(403);
      expect((await request.post(`${origin}/api/getAppInfo`, { data: {} })).status()).toBe(403);
      // Another name for this server (DNS rebinding) is refused even with the token.
      const token = new URL(url).searchParams.get('token')!;
      const rebound = await request.get(`${origin}/?token=${token}`, { headers: { host: 'attacker.example' } });
      expect(rebound.status()).toBe(421);

      await page.goto(url);
      await expect(page.getByRole('heading', { name: 'RDP Doctor demo' })).toBeVisible();
      await page.getByLabel('What is wrong').selectOption('firewall-rule-disabled');
      await page.getByLabel(/On the server itself/).check();
      await page.getByRole('button', { name: 'Open RDP Doctor' }).click();
      await expect(page.getByRole('note')).toContainText('Demo, simulated: The "Remote Desktop" firewall rules are turned off');
      await page.getByLabel('Computer name or IP address').fill('localhost');
      await page.getByRole('button', { name: 'Start diagnosis' }).click();
      await expect(page.locator('h1[data-verdict]')).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('[data-finding]').first()).toHaveAttribute('data-finding', 'firewall-blocks-rdp');
      // Only the scenario's cause: "localhost" is not a name the server's certificate could be for.
      await expect(page.locator('[data-finding="certificate-name-mismatch"]')).toHaveCount(0);
      await page.screenshot({ path: join(__dirname, 'screenshots', '90-demo-findings.png') });

      // The same server, now two computers: the laptop case, office-pc another computer.
      await page.getByRole('link', { name: 'Choose another scenario' }).click();
      await page.getByLabel('What is wrong').selectOption('certificate-expired');
      await page.getByLabel(/On a laptop/).check();
      await page.getByRole('button', { name: 'Open RDP Doctor' }).click();
      await page.getByLabel('Computer name or IP address').fill('office-pc');
      await page.getByRole('button', { name: 'Start diagnosis' }).click();
      await expect(page.locator('h1[data-verdict]')).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('[data-check="tcp-port"]')).toHaveCount(1);
      await expect(page.getByText(/office-pc/i).first()).toBeVisible();
    } finally {
      demo.child.kill('SIGTERM');
      await demo.output;
    }
  });

  test('refuses to start without PowerShell 7, and says how to install it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'rdpd-demo-home-'));
    try {
      const demo = startDemo({ PATH: '/usr/bin:/bin', HOME: home });
      await expect(demo.url).rejects.toThrow(/PowerShell 7, and pwsh was not found/);
      const output = await demo.output;
      expect(output).toContain('npm run demo runs only the simulation');
      expect(output).toContain('dotnet tool install --global PowerShell');
      expect(demo.child.exitCode).toBe(2);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
