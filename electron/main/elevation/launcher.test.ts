import { describe, expect, it } from 'vitest';
import { WindowsError } from '../ports';
import { ERROR_CANCELLED, interpretLaunch, PowerShellLauncher } from './launcher';

const envelope = (facts: unknown) => ({ stdout: `${JSON.stringify({ ok: true, facts })}\r\n`, stderr: '' });
const launchFacts = (over: object) => ({ started: false, processId: null, nativeErrorCode: null, message: null, ...over });

function thrown(fn: () => void): WindowsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WindowsError);
    return err as WindowsError;
  }
  throw new Error('did not throw');
}

describe('interpretLaunch', () => {
  it.each([
    'The operation was canceled by the user.',
    'Der Vorgang wurde durch den Benutzer abgebrochen.',
    "L'opération a été annulée par l'utilisateur.",
    'Unexpected text',
  ])('ERROR_CANCELLED is "cancelled" whatever the message: %s', (message) => {
    const err = thrown(() => interpretLaunch(launchFacts({ nativeErrorCode: ERROR_CANCELLED, message })));
    expect(err.kind).toBe('cancelled');
    expect(err.message).toMatch(/Administrator permission was not given/);
  });

  it('a message that reads like a cancel but carries another code is a failure, not a cancel', () => {
    const err = thrown(() => interpretLaunch(launchFacts({ nativeErrorCode: 2, message: 'The operation was canceled by the user.' })));
    expect(err.kind).toBe('unavailable');
    expect(err.message).toMatch(/Windows error 2/);
  });

  it('accepts a started helper and rejects a malformed answer', () => {
    expect(() => interpretLaunch(launchFacts({ started: true, processId: 4242 }))).not.toThrow();
    expect(thrown(() => interpretLaunch({ started: 'yes' })).kind).toBe('bad-facts');
  });
});

describe('PowerShellLauncher', () => {
  it('runs the helper script in launch mode with its arguments as base64 JSON, one line', async () => {
    const lines: string[] = [];
    const launcher = new PowerShellLauncher(
      {
        invoke: async (line) => {
          lines.push(line);
          return envelope(launchFacts({ started: true, processId: 1 }));
        },
      },
      "C:\\Program Files\\RDP Doctor's\\resources\\scripts\\elevated-helper.ps1",
    );
    expect(
      await launcher.launch({ pipeName: 'rdp-doctor-1', token: 'abc', appPid: 4711, allowWeakening: ['fix-rdp-security-isolation-test'] }),
    ).toEqual({ processId: 1 });
    expect(lines).toHaveLength(1);
    const match = /^& '(.*)' -EncodedArgs '([A-Za-z0-9+/=]+)'$/.exec(lines[0]!);
    expect(match?.[1]).toBe("C:\\Program Files\\RDP Doctor''s\\resources\\scripts\\elevated-helper.ps1");
    expect(JSON.parse(Buffer.from(match![2]!, 'base64').toString('utf8'))).toEqual({
      mode: 'launch',
      pipeName: 'rdp-doctor-1',
      token: 'abc',
      appPid: 4711,
      allowWeakening: ['fix-rdp-security-isolation-test'],
    });
  });

  it('turns the launch script\'s declined prompt into "cancelled"', async () => {
    const launcher = new PowerShellLauncher(
      { invoke: async () => envelope(launchFacts({ nativeErrorCode: 1223, message: 'Abgebrochen' })) },
      'C:\\h.ps1',
    );
    await expect(launcher.launch({ pipeName: 'p', token: 't', appPid: 1, allowWeakening: [] })).rejects.toMatchObject({
      kind: 'cancelled',
    });
  });

  it("describe: the helper's describe mode says what the prompt shows; a copy it refuses says why", async () => {
    const prompt = {
      program: 'Windows PowerShell',
      publisher: 'Microsoft Windows',
      filePath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
      arguments: '-File "C:\\h.ps1" -Serve',
      commandLine: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -File "C:\\h.ps1" -Serve',
    };
    const lines: string[] = [];
    const describing = new PowerShellLauncher(
      {
        invoke: async (line) => {
          lines.push(line);
          return envelope(prompt);
        },
      },
      'C:\\h.ps1',
    );
    expect(await describing.describe({ pipeName: 'p', token: 't', appPid: 1, allowWeakening: [] })).toEqual({
      program: prompt.program,
      publisher: prompt.publisher,
      commandLine: prompt.commandLine,
    });
    expect(JSON.parse(Buffer.from(/-EncodedArgs '(.*)'$/.exec(lines[0]!)![1]!, 'base64').toString('utf8'))).toMatchObject({
      mode: 'describe',
    });
    const refused = new PowerShellLauncher(
      { invoke: async () => envelope(launchFacts({ message: 'Refused: the folder can be changed.' })) },
      'C:\\h.ps1',
    );
    await expect(refused.describe({ pipeName: 'p', token: 't', appPid: 1, allowWeakening: [] })).rejects.toMatchObject({
      kind: 'unavailable',
      message: 'Refused: the folder can be changed.',
    });
    const odd = new PowerShellLauncher({ invoke: async () => envelope({ nonsense: true }) }, 'C:\\h.ps1');
    await expect(odd.describe({ pipeName: 'p', token: 't', appPid: 1, allowWeakening: [] })).rejects.toMatchObject({ kind: 'bad-facts' });
  });
});
