import { describe, expect, it } from 'vitest';
import { ALREADY_OPEN, claimSingleInstance, focusExisting, rendererLocation, systemToolPath } from './startup';

/**
 * app.requestSingleInstanceLock as Electron documents it: the lock belongs to the profile (the
 * userData folder); the first process to ask gets true, every later one false while it runs.
 */
class ProfileLocks {
  private readonly held = new Set<string>();
  forProfile(profile: string) {
    return {
      request: () => {
        if (this.held.has(profile)) return false;
        this.held.add(profile);
        return true;
      },
    };
  }
}

function instance(locks: ProfileLocks, profile: string) {
  const said: string[] = [];
  let quit = false;
  const runs = claimSingleInstance(locks.forProfile(profile), { alreadyOpen: (m) => said.push(m), quit: () => (quit = true) });
  return { runs, said, quit };
}

describe('two app instances against one profile', () => {
  it('the second says the app is already open and quits; the first runs on', () => {
    const locks = new ProfileLocks();
    const first = instance(locks, 'C:\\Users\\me\\AppData\\Roaming\\RDP Doctor');
    const second = instance(locks, 'C:\\Users\\me\\AppData\\Roaming\\RDP Doctor');
    expect(first).toEqual({ runs: true, said: [], quit: false });
    expect(second).toEqual({ runs: false, said: [ALREADY_OPEN], quit: true });
    expect(ALREADY_OPEN).toMatch(/already open/);
    // Another user's profile is another journal: that copy runs.
    expect(instance(locks, 'C:\\Users\\other\\AppData\\Roaming\\RDP Doctor').runs).toBe(true);
  });

  it('the first brings its window back when the second starts', () => {
    const calls: string[] = [];
    focusExisting({ isMinimized: () => true, restore: () => calls.push('restore'), focus: () => calls.push('focus') });
    expect(calls).toEqual(['restore', 'focus']);
    expect(() => focusExisting(null)).not.toThrow();
  });
});

describe('rendererLocation', () => {
  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const url = rendererLocation('http://evil.example:5173/', '/opt/RDP Doctor/resources/app.asar/out/main', true);
    expect(url).toBe('file:///opt/RDP%20Doctor/resources/app.asar/out/renderer/index.html');
  });

  it('uses the dev server during development', () => {
    expect(rendererLocation('http://localhost:5173/', '/src/out/main', false)).toBe('http://localhost:5173/');
  });
});

describe('systemToolPath', () => {
  it('names the tool in System32, never a bare name the current folder could answer', () => {
    expect(systemToolPath({ SystemRoot: 'D:\\WINDOWS' }, 'net.exe')).toBe('D:\\WINDOWS\\System32\\net.exe');
    expect(systemToolPath({}, 'net.exe')).toBe('C:\\Windows\\System32\\net.exe');
  });
});
