import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { channels, requestSchemas, type Channel } from '../../../shared/ipc-contract';
import { fixIds } from '../../../shared/catalog/fixes';
import type { HandlerTable } from '../handlers';
import { dispatch, isTrustedSender } from './dispatch';

const TRUSTED = 'file:///opt/RDP%20Doctor/resources/app.asar/out/renderer/index.html';
const sender = { url: TRUSTED };
const ctx = { emit: () => undefined };

function spyTable() {
  return Object.fromEntries(channels.map((c) => [c, vi.fn(async () => 'handled')])) as unknown as HandlerTable &
    Record<Channel, ReturnType<typeof vi.fn>>;
}

describe('isTrustedSender', () => {
  it('accepts only our own page', () => {
    expect(isTrustedSender({ url: TRUSTED }, TRUSTED)).toBe(true);
    expect(isTrustedSender({ url: `${TRUSTED}#/step` }, TRUSTED)).toBe(true);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html' }, TRUSTED)).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/' }, TRUSTED)).toBe(false);
    expect(isTrustedSender({ url: '' }, TRUSTED)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/x' }, 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/' }, 'http://localhost:5173/')).toBe(false);
  });
});

describe('dispatch', () => {
  it('calls the handler with the parsed payload when sender and payload are valid', async () => {
    const table = spyTable();
    const res = await dispatch(table, 'runScan', { target: { host: 'srv01', port: 3389 }, audience: 'home' }, sender, TRUSTED, ctx);
    expect(res).toEqual({ ok: true, value: 'handled' });
    expect(table.runScan).toHaveBeenCalledOnce();
  });

  it('rejects an untrusted sender before looking at the payload', async () => {
    const table = spyTable();
    const res = await dispatch(table, 'getAppInfo', {}, { url: 'https://evil.example/' }, TRUSTED, ctx);
    expect(res).toMatchObject({ ok: false, error: { kind: 'untrusted-sender' } });
    expect(table.getAppInfo).not.toHaveBeenCalled();
  });

  it('names the field that is wrong', async () => {
    const res = await dispatch(spyTable(), 'runScan', { target: { host: 'srv01', port: 70000 }, audience: 'home' }, sender, TRUSTED, ctx);
    expect(res).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(!res.ok && res.error.message).toMatch(/between 1 and 65535[\s\S]*target\.port/);
  });

  it('takes the error code the user reports after a change, and nothing that is not a code', async () => {
    const table = spyTable();
    const target = { host: 'srv01', port: 3389 };
    const ok = await dispatch(table, 'runScan', { target, audience: 'home', reportedError: '0x204' }, sender, TRUSTED, ctx);
    expect(ok).toEqual({ ok: true, value: 'handled' });
    expect(table.runScan.mock.calls[0]?.[0]).toMatchObject({ reportedError: '0x204' });
    const bad = await dispatch(
      table,
      'runScan',
      { target, audience: 'home', reportedError: "0x204'; Remove-Item C:\\" },
      sender,
      TRUSTED,
      ctx,
    );
    expect(bad).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(table.runScan).toHaveBeenCalledOnce();
  });

  it('refuses script text where a fix id belongs', async () => {
    const table = spyTable();
    const res = await dispatch(
      table,
      'applyFix',
      { fixId: 'Remove-Item C:\\ -Recurse', target: { host: 'a', port: 1 } },
      sender,
      TRUSTED,
      ctx,
    );
    expect(res).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(table.applyFix).not.toHaveBeenCalled();
  });

  it('refuses a batch that names a fix twice, and an unknown recovery action', async () => {
    const table = spyTable();
    const target = { host: 'srv01', port: 3389 };
    const twice = await dispatch(table, 'applyFixes', { fixIds: [fixIds[0], fixIds[0]], target }, sender, TRUSTED, ctx);
    expect(!twice.ok && twice.error.message).toMatch(/each fix at most once/);
    const action = await dispatch(table, 'resolveInterrupted', { journalId: 'abc', action: 'delete' }, sender, TRUSTED, ctx);
    expect(action).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(table.applyFixes).not.toHaveBeenCalled();
    expect(table.resolveInterrupted).not.toHaveBeenCalled();
  });

  it('turns a thrown handler error into a readable envelope', async () => {
    const table = spyTable();
    table.getAppInfo.mockRejectedValueOnce(new Error('disk full'));
    expect(await dispatch(table, 'getAppInfo', {}, sender, TRUSTED, ctx)).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Something went wrong inside RDP Doctor: disk full' },
    });
  });

  it.each(channels)('%s: 1,000 random and malformed payloads are all rejected, none reaches the handler', async (channel) => {
    const table = spyTable();
    // Anything JSON-like, plus near-misses of real payloads (extra keys, wrong types, hostile hosts).
    const nearMiss = fc.record(
      {
        target: fc.oneof(fc.anything(), fc.record({ host: fc.string(), port: fc.oneof(fc.integer(), fc.double(), fc.string()) })),
        audience: fc.oneof(fc.string(), fc.anything()),
        fixId: fc.string(),
        fixIds: fc.oneof(fc.array(fc.string()), fc.array(fc.constantFrom(...fixIds)), fc.anything()),
        journalId: fc.string(),
        action: fc.oneof(fc.constantFrom('roll-back', 'finish', 'delete'), fc.string()),
        scanId: fc.anything(),
        extra: fc.anything(),
      },
      { requiredKeys: ['extra'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), nearMiss), async (payload) => {
        // A random value can be valid by chance ({} for getAppInfo): those are not malformed.
        fc.pre(!requestSchemas[channel].safeParse(payload).success);
        const res = await dispatch(table, channel, payload, sender, TRUSTED, ctx);
        expect(res.ok).toBe(false);
        expect(!res.ok && res.error.kind).toBe('bad-request');
        expect(!res.ok && res.error.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 1_000 },
    );
    expect(table[channel]).not.toHaveBeenCalled();
  });

  it('rejects unknown channels', async () => {
    expect(await dispatch(spyTable(), 'runPowerShell', 'Get-Process', sender, TRUSTED, ctx)).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
  });
});
