import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download is not reachable from the build machines.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  // A scan runs every check script in real PowerShell (against the fake Windows): seconds, not
  // milliseconds, on a loaded build machine. A step waits as long as a person would for it.
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  use: {
    browserName: 'chromium',
    headless: true,
    // The page area of the window the app opens with (electron/main/window.ts: 1040x760 outer, no
    // useContentSize). On Windows 10/11 at 100% the frame takes an invisible 8 px resize border
    // left, right and bottom and a 31 px title bar (SM_CYCAPTION 23 + SM_CYSIZEFRAME 4 +
    // SM_CXPADDEDBORDER 4); the menu bar is auto-hidden. 1040-16 x 760-31-8 = 1024 x 721.
    viewport: { width: 1024, height: 721 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
