import { describe, expect, it } from 'vitest';
import { reportedMessages } from '../reported-error';
import type { Finding } from '../results';
import { plainTextProblems } from '../catalog/wording';
import { readReportedError } from '../reported-error-text';
import { considerReportedError, explainReportedError } from './reported-error-codes';

const explain = (text: string) => {
  const read = readReportedError(text);
  if (!read.ok) throw new Error(read.problem);
  const e = explainReportedError(read.token);
  if (!e) throw new Error(`no explanation for ${read.token}`);
  return { token: read.token, ...e };
};

const finding = (id: string, score: number): Finding => ({
  id,
  title: id,
  plain: id,
  technical: id,
  likelihood: 'likely',
  score,
  evidence: [{ checkId: 'rdp-handshake', label: 'x', value: 'x' }],
  fixIds: [],
});

describe("explainReportedError: one plain sentence per code, from Microsoft's lists", () => {
  it.each([
    [
      '0x904 0x7',
      'deepest',
      /^0x904 \(extended 0x7\) means the server closed the connection while the two computers were setting up security; the server refused the connection\.$/,
    ],
    ['0x204', 'checks', /could not open a connection to the server at all/],
    ['0x104', 'checks', /name could not be turned into an address/],
    ['0x708', 'checks', /reached this same computer/],
    ['0x907', 'checks', /Microsoft does not document this code/],
    ['0x3', 'none', /ended the connection on purpose/],
    ['0x4', 'none', /ran longer than its time limit allows/],
    ['0x112f', 'none', /display part of Remote Desktop failed/],
    [
      '0x3 0x112f',
      'none',
      /^0x3 \(extended 0x112f\) means the server ended the connection on purpose; the server's display part of Remote Desktop failed while the session started\.$/,
    ],
    ['0x80080005', 'none', /Windows App could not start one of its own parts on this computer/],
    ['CredSSP encryption oracle remediation', 'checks', /2018 CredSSP security update/],
    ['An internal error has occurred', 'checks', /certificate/],
    ['0x9999', 'unknown', /Microsoft does not list 0x9999/],
    ['1', 'not-an-error', /^0x1 means you ended the connection on this computer; this is not an error\.$/],
  ])('%s: %s', (text, coverage, sentence) => {
    const e = explain(text);
    expect(e.coverage).toBe(coverage);
    expect(e.plain).toMatch(sentence);
  });

  it('every plain sentence the tables hold passes the wording rule, for every code people type', () => {
    const codes = [
      0, 1, 2, 3, 4, 5, 7, 9, 10, 256, 258, 260, 262, 264, 516, 520, 772, 1028, 1030, 1032, 1286, 1288, 1540, 1542, 1796, 1798, 1800,
    ];
    const more = [2052, 2055, 2056, 2308, 2310, 2311, 2312, 2566, 2567, 2822, 2823, 3078, 3079, 3080, 3335, 3591, 3847, 4399, 4615, 5639];
    const rest = [5895, 6151, 6919, 7175, 8455, 8711, 0x80080005, 0xc000006e];
    const texts = [...codes, ...more, ...rest].map((n) => explainReportedError(`0x${n.toString(16)}`)!.plain);
    for (const message of reportedMessages) texts.push(explainReportedError(message)!.plain);
    expect(texts.flatMap((t) => plainTextProblems(t).map((p) => `${t}: ${p}`))).toEqual([]);
  });
});

describe('considerReportedError: the code moves the causes that explain it', () => {
  const found = [finding('certificate-unusable', 60), finding('firewall-blocks-rdp', 50), finding('license-cache-damaged', 30)];

  it('0x204 puts reach above security, with the code as evidence', () => {
    const after = considerReportedError(found, '0x204').sort((a, b) => b.score - a.score);
    expect(after.map((f) => [f.id, f.score])).toEqual([
      ['firewall-blocks-rdp', 65],
      ['license-cache-damaged', 30],
      ['certificate-unusable', 20],
    ]);
    expect(after[0]?.evidence.at(-1)?.value).toBe(
      '0x204 (disconnectReasonSocketConnectFailed: Windows Sockets connect failed) points to this.',
    );
  });

  it('a licensing extended code moves the license cache up and leaves the other families alone', () => {
    const after = considerReportedError(found, '0x3/0x105');
    expect(after.find((f) => f.id === 'license-cache-damaged')?.score).toBe(45);
    expect(after.find((f) => f.id === 'certificate-unusable')?.score).toBe(60);
  });

  it('an account the server refused at sign-in moves everything that stops a connection earlier down', () => {
    const withWrapper = [...found, finding('termservice-dll-replaced', 75), finding('stale-saved-credentials', 30)];
    const after = considerReportedError(withWrapper, 'account-restriction').sort((a, b) => b.score - a.score);
    expect(after.map((f) => [f.id, f.score])).toEqual([
      ['stale-saved-credentials', 45],
      ['termservice-dll-replaced', 35],
      ['license-cache-damaged', 30],
      ['certificate-unusable', 20],
      ['firewall-blocks-rdp', 10],
    ]);
    expect(considerReportedError(withWrapper, '0xc000006e').find((f) => f.id === 'stale-saved-credentials')?.score).toBe(45);
  });

  it('a code no check can explain adds one honest finding and moves nothing; an unknown code changes nothing', () => {
    const after = considerReportedError(found, '0x3/0x112f');
    expect(after.slice(0, 3)).toEqual(found);
    expect(after[3]).toMatchObject({ id: 'reported-error-not-checkable', kind: 'symptom', likelihood: 'possible', fixIds: [] });
    expect(after[3]?.plain).toMatch(/No check RDP Doctor runs can see this/);
    expect(plainTextProblems(after[3]!.plain)).toEqual([]);
    expect(considerReportedError(found, '0x9999')).toEqual(found);
    // A normal end (the log's last attempt was closed by the user) is no error to explain.
    expect(considerReportedError(found, '0x1')).toEqual(found);
    expect(considerReportedError(found, undefined)).toEqual(found);
  });
});
