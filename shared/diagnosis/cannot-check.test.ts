import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../results';
import { buildReport, reportHtml } from '../report/session-report';

/*
 * When nothing RDP Doctor checked explains the error, the report says plainly what it cannot
 * check and where to look for each, instead of guessing.
 */

const scan: ScanResult = {
  scanId: 's',
  target: { host: 'office-pc', port: 3389 },
  startedAt: '2026-11-21T09:00:00.000Z',
  finishedAt: '2026-11-21T09:00:01.000Z',
  thisComputer: 'LAPTOP-JÜRGEN',
  server: { kind: 'remoting', computer: 'OFFICE-PC' },
  results: [],
  findings: [],
};
const cannotCheck = () => {
  const html = reportHtml(
    buildReport({ version: '1', backend: 'windows', now: new Date('2026-11-21T09:05:00Z'), scan, outcomes: [], undone: {} }),
  );
  const list = /It cannot check:<\/p><ul>(.*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!);
};

describe('what RDP Doctor cannot check, in a report with no finding', () => {
  it('names each documented cause it has no check for, with where to look on which computer', () => {
    const items = cannotCheck();
    expect(items).toHaveLength(4);
    const [licensing, broker, ciphers, security] = items;
    expect(licensing).toMatch(
      /^Remote Desktop licensing on the server \(a license server it cannot reach, or a grace period that ran out\): /,
    );
    expect(licensing).toMatch(/: On the server: Remote Desktop Licensing Diagnoser, and its RemoteDesktopServices logs\.$/);
    expect(broker).toMatch(/^A connection broker, gateway or load balancer in front of the server: /);
    expect(broker).toMatch(/: On the broker or gateway: its own event logs, and the name the deployment expects\.$/);
    expect(ciphers).toMatch(/^The order of encryption methods set by a company policy \(cipher suites\): /);
    expect(ciphers).toMatch(/: On the server: the SSL Cipher Suite Order policy \(gpresult \/h\), and Schannel events 36874 \/ 36888\.$/);
    expect(security).toMatch(/^Security software on the server or between the two computers that inspects or cuts connections: /);
    expect(security).toMatch(/: On the server and the network: that product&#39;s own log\.$/);
  });
});
