import { dirname, join } from 'node:path';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHandlers } from '../../electron/main/handlers';
import { createSimulatedPorts, type SimulationOptions } from '../../electron/main/simulated/simulated-ports';
import { disposeSimulatedComputers, recycleSimulatedComputers } from '../../electron/main/simulated/computer-pool';
import { hostsResolver } from '../../test/support/hosts';
import { listenerAnswers, loopbackAddress, namespaceAddress, type ServerAddress } from '../../electron/main/simulated/listener';
import { scenarioComputers, scenarioState } from '../../electron/main/simulated/scenarios';
import { WindowsError, type DesktopPort, type Ports } from '../../electron/main/ports';
import { saveNewFile } from '../../electron/main/desktop/save-file';
import { serveRenderer } from './static-server';
import { bindApi } from './bind-api';
import { OTHER_UNDO_WORDS } from '../../shared/catalog/words';
import { plainTextProblems } from '../../shared/catalog/wording';

const SCREENSHOTS = join(__dirname, '../screenshots');

/**
 * Runs against the simulated computers and journal before the page opens: a previous session's
 * work, a crash mid-fix, as the app would find them at start. It works through the ports (the
 * real scripts); a machine that should start different is given by options.editThisPc/editServer.
 */
export type Prepare = (sim: ReturnType<typeof createSimulatedPorts>) => Promise<void>;

/** Ports to swap in; the desktop only in part (the rest is this test's Downloads folder and Explorer). */
export type Overrides = Partial<Omit<Ports, 'desktop'>> & { desktop?: Partial<DesktopPort> };

/** Another computer: its address (what the test's hosts map gives for its name), on port 3389. */
export interface OtherComputer {
  address: string;
  port: 3389;
  close(): Promise<void>;
}

export interface Wizard {
  page: Page;
  /** The loopback port the scenario's server listens on (what it answers comes from its state). */
  rdpPort: number;
  /** The simulated computers of the last `open` (there are none before it). */
  readonly sim: ReturnType<typeof createSimulatedPorts>;
  /**
   * Opens the app against a simulated scenario, optionally with other ports swapped in. Names in
   * `hosts` resolve as given (a hosts file), nothing else does: no DNS query leaves the machine.
   * `options.runsOn`: 'server' (default) RDP Doctor runs on the scenario's server; 'client' it runs
   * on a Windows 11 laptop and the server is another computer. `options.targetPort`: the port the
   * server's own listener is on; when RDP Doctor runs on the server it defaults to `rdpPort`, the
   * listener these tests scan (a test scanning another listener names its port), else 3389.
   */
  open(scenario: string, overrides?: Overrides, prepare?: Prepare, options?: SimulationOptions): Promise<void>;
  /**
   * The user's Downloads folder for this test (reports and fix scripts land here, as main writes
   * them), and the files "Open folder" showed in Explorer, in order.
   */
  downloads: string;
  revealed: string[];
  /**
   * The file just saved, as the wizard says it: waits for "Saved to <path>" in `scope` (the page
   * by default), checks the file is in this test's Downloads, and reads it.
   */
  saved(scope?: Locator): Promise<{ path: string; fileName: string; text: string }>;
  /** Names the tests may use, with their addresses. */
  hosts: Record<string, string[]>;
  /**
   * Another computer in its own network namespace, on port 3389 (closed at the end of the test),
   * where the scenario's server listens: its wire comes from the server's state. `blocked` says
   * the test expects that state to drop 3389 (open() checks that it does).
   */
  otherComputer(name: string, options?: { blocked?: boolean }): Promise<OtherComputer>;
  /**
   * A loopback port where the scenario's server listens, for a test that expects its handshake
   * to show a broken server: the certificate expired, or its key unreadable (reset). open()
   * checks that the scenario's state says so.
   */
  brokenListener(kind: 'expired-certificate' | 'key-unreadable'): Promise<number>;
  shot(name: string): Promise<void>;
  consoleErrors: string[];
}

export const test = base.extend<{ wizard: Wizard }, { renderer: { url: string }; simulatedComputers: void }>({
  // The simulated computers' PowerShell sessions are reused from test to test (a start costs more
  // than a scan) and closed when the worker ends: no pwsh outlives the run.
  simulatedComputers: [
    async ({}, use) => {
      await use();
      await disposeSimulatedComputers();
    },
    { scope: 'worker', auto: true },
  ],

  renderer: [
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  wizard: async ({ page, renderer }, use) => {
    // Where the scenario's server listens: this loopback port, and any other computer or broken
    // listener the test asks for. Before each probe they all play what the server's state says.
    const listener = await loopbackAddress();
    const rdpPort = listener.port;
    const addresses: ServerAddress[] = [listener];
    // What the test said the wire would show, checked against the scenario's state at open().
    const expectations: Array<{ what: string; holds: (scenario: string, runsOn: SimulationOptions['runsOn']) => boolean }> = [];
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const closers: Array<() => Promise<void>> = [];
    let sim: ReturnType<typeof createSimulatedPorts> | null = null;
    // A profile under a non-ASCII user name, its Downloads not made yet (main makes it). (CJK
    // names are covered where no font is needed: test/powershell/session.test.ts.)
    const profile = mkdtempSync(join(tmpdir(), 'rdpd-e2e-profile-'));
    closers.push(() => rm(profile, { recursive: true, force: true }));
    const wizard: Wizard = {
      page,
      rdpPort,
      consoleErrors,
      downloads: join(profile, 'Jürgen Groß', 'Downloads'),
      revealed: [],
      async saved(scope = page.locator('body')) {
        const note = scope.locator('[data-saved-file]').last();
        await expect(note).toBeVisible();
        const path = (await note.locator('.saved-path').textContent()) ?? '';
        expect(dirname(path)).toBe(wizard.downloads);
        return { path, fileName: (await note.getAttribute('data-saved-file')) ?? '', text: await readFile(path, 'utf8') };
      },
      hosts: {},
      get sim() {
        if (!sim) throw new Error('wizard.open() first: it makes the simulated computers');
        return sim;
      },
      async otherComputer(name, options) {
        const computer = await namespaceAddress(3389);
        closers.push(computer.close);
        addresses.push(computer);
        wizard.hosts[name.toLowerCase()] = [computer.host];
        if (options?.blocked) {
          expectations.push({
            what: `otherComputer('${name}', { blocked: true }): the server's firewall drops 3389`,
            holds: (scenario, runsOn) => listenerAnswers(serverStateOf(scenario, runsOn)).tcp === 'filtered',
          });
        }
        return { address: computer.host, port: 3389, close: computer.close };
      },
      async brokenListener(kind) {
        const broken = await loopbackAddress();
        closers.push(broken.close);
        addresses.push(broken);
        expectations.push({
          what: `brokenListener('${kind}')`,
          holds: (scenario, runsOn) => {
            const state = serverStateOf(scenario, runsOn);
            const tls = listenerAnswers(state, { fromThisComputer: true }).tls;
            return kind === 'key-unreadable'
              ? tls?.outcome === 'resets'
              : tls?.outcome === 'completes' && Date.parse(tls.certificate.notAfter) < Date.parse(state.now);
          },
        });
        return broken.port;
      },
      async open(scenario, overrides = {}, prepare, options = {}) {
        const targetPort = options.targetPort ?? (options.runsOn === 'client' ? 3389 : rdpPort);
        // The real scripts write their backups to a real folder (the simulated ports' default,
        // C:\ProgramData\..., is no path for pwsh off Windows); the app uses its userData folder.
        const backupDir = await mkdtemp(join(tmpdir(), 'rdpd-e2e-backups-'));
        closers.push(() => rm(backupDir, { recursive: true, force: true }));
        // The desktop as Electron's would be: files written into Downloads, "Open folder" recorded.
        const desktop: DesktopPort = {
          launchRemoteDesktop: async () => {
            throw new WindowsError('unavailable', 'Starting Remote Desktop needs Windows.');
          },
          showLog: async () => join(wizard.downloads, '..', 'logs', 'main.log'),
          saveFile: (fileName, text) => saveNewFile(wizard.downloads, fileName, text),
          reveal: (path) => void wizard.revealed.push(path),
          ...overrides.desktop,
        };
        for (const e of expectations) {
          if (!e.holds(scenario, options.runsOn)) throw new Error(`${e.what} disagrees with the state of scenario "${scenario}".`);
        }
        sim = createSimulatedPorts(
          scenario,
          { backupDir, ...overrides, desktop },
          { ...options, targetPort, listeners: addresses, resolve: hostsResolver(wizard.hosts) },
        );
        await prepare?.(sim);
        await bindApi(page, createHandlers(sim.ports), renderer.url);
        await page.goto(renderer.url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      },
      // Every step that is worth a screenshot is also checked with axe: no serious or critical
      // accessibility violation may appear on any screen of the wizard.
      async shot(name) {
        // What the user sees in the window as it opens (playwright.config.ts: the real inner size),
        // and, only where the step is taller than that, the whole page as `<name>-full.png`: the
        // second file is the list of steps that hide something below the fold. The pointer moves
        // off the last button clicked first: its hover fill would read as "chosen" in a still image.
        await page.mouse.move(0, 0);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
        const taller = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
        if (taller) await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
        // Every screen says undo one way (issue 23, item 10), and with technical details off it
        // shows no jargon (item 5): the words a person reads, not the commands they copy, the
        // technical halves they open, or the names of the computers and files.
        const words = await page.evaluate(() => {
          const copy = document.body.cloneNode(true) as HTMLElement;
          copy
            .querySelectorAll('pre, code, details.technical, details.exact, .saved-path, input, textarea, select')
            .forEach((n) => n.remove());
          // Closed expanders show only their summary, as on screen.
          copy
            .querySelectorAll('details:not([open])')
            .forEach((d) => [...d.children].forEach((c) => c.tagName !== 'SUMMARY' && c.remove()));
          document.body.append(copy);
          copy.style.position = 'absolute';
          const text = copy.innerText;
          copy.remove();
          return text;
        });
        expect(words.match(OTHER_UNDO_WORDS)?.[0] ?? null, `${name}: undo has one word`).toBeNull();
        const technical = await page.getByRole('switch', { name: 'Show technical details' }).isChecked();
        if (!technical) {
          // Computer names (SRV-APP01, LAPTOP-JÜRGEN), the names of the files it saves or the user opened (.rdp), where it saved
          // them are what the user typed or will look for; a registry path is none of those.
          let plain = words
            .replace(/\brdp-doctor-[\w.-]+\.(?:ps1|json|html)\b/g, '')
            .replace(/(?:^|\s)(?:\/|[A-Za-z]:\\)\S*/g, ' ')
            .replace(/\S+\.rdp\b/g, '');
          for (const c of COMPUTER_NAMES) plain = plain.split(c).join('');
          expect(plainTextProblems(plain), `${name}: jargon with technical details off`).toEqual([]);
        }
        // What helpdesk copies names Windows paths: never the simulation's folders in this
        // computer's temp folder (issue 23, item 6), open or folded away.
        const commands = await page.locator('pre.code, .command-view code').allTextContents();
        expect(
          commands.filter((c) => /(?:^|[\s'"])\/tmp\//.test(c)),
          `${name}: a command names a folder of the simulation`,
        ).toEqual([]);
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']).analyze();
        const serious = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious, `axe on ${name}`).toEqual([]);
      },
    };
    await use(wizard);
    // Nothing may still call into this test's computers once they serve the next test.
    await page.close();
    recycleSimulatedComputers();
    await listener.close();
    for (const close of closers) await close();
  },
});

/** The simulated computers' names, as Windows gives them (upper case): names, not jargon. */
const COMPUTER_NAMES = ['SRV-APP01', 'LAPTOP-JÜRGEN', 'OFFICE-PC', 'SRV01'];

/** The server's machine state of a scenario: the one computer, or the server of the two. */
function serverStateOf(scenario: string, runsOn: SimulationOptions['runsOn']) {
  return runsOn === 'client' ? scenarioComputers(scenario).server : scenarioState(scenario);
}

export { expect };
