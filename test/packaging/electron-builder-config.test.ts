import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

// The Windows installer cannot be built on the Linux build machines, so the configuration is
// checked here with electron-builder's own validator (its JSON schema) plus what we require.
const root = join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML file's shape; the assertions below check it
const config = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('schema validation is real: a misspelled key is rejected', async () => {
    await expect(validateConfiguration({ ...structuredClone(config), winn: {} } as never, new DebugLogger(false))).rejects.toThrow(/winn/);
  });

  it('builds an NSIS installer and a portable exe that run as invoker', () => {
    const targets = config.win.target.map((t: { target: string }) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'portable']));
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
  });

  it('installs per machine only, into a folder only administrators can change', () => {
    // The elevated helper runs the installed scripts; a per-user install or a folder of the
    // user's choosing would let a standard user change what runs as administrator.
    expect(config.nsis).toMatchObject({ perMachine: true, allowToChangeInstallationDirectory: false });
  });

  it('ships the PowerShell scripts outside the asar, with their SHA-256 manifest', () => {
    expect(config.asar).toBe(true);
    expect(config.extraResources).toEqual([{ from: 'assets/scripts', to: 'scripts', filter: ['**/*.ps1', 'scripts.sha256.json'] }]);
  });

  it('gives Windows an icon with the sizes it shows (taskbar 16/32, Start and installer 256)', () => {
    // ICO layout (learn.microsoft.com, "Icons" / ICONDIR): reserved 0, type 1, count, then 16-byte
    // entries whose first byte is the width (0 means 256).
    const ico = readFileSync(join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 256]));
  });

  it('sets the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
