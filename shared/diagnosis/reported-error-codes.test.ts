import { describe, expect, it } from 'vitest';
import { reportedMessages } from '../reported-error';
import type { Finding } from '../results';
import { plainTextProblems } from '../catalog/wording';
import { readReportedError } from '../reported-error-text';
import { considerReportedError, coverageSentence, explainReportedError } from './reported-error-codes';
import { EXTENDED, OTHER, REASONS } from './reported-error-meanings';

const explain = (text: string) => {
  const read = readReportedError(text);
  if (!read.ok) throw new Error(read.problem);
  const e = explainReportedError(read.token);
  if (!e) throw new Error(`no explanation for ${read.token}`);
  return { token: read.token, ...e };
};

const finding = (
  id: string,
  score: number,
  evidence: Finding['evidence'] = [{ checkId: 'rdp-handshake', label: 'x', value: 'x' }],
): Finding => ({
  id,
  title: id,
  plain: id,
  technical: id,
  likelihood: 'likely',
  score,
  evidence,
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

  it('0x904 alone is the error checked most deeply; with another extended code than 0x7 it is one the checks explain', () => {
    expect(explain('0x904').coverage).toBe('deepest');
    expect(explain('0x904').plain).toBe('0x904 means the server closed the connection while the two computers were setting up security.');
    const idle = explain('0x904 0x3');
    expect(idle.coverage).toBe('checks');
    expect(idle.plain).toMatch(/setting up security; the server ended a session that had been idle longer than its time limit allows\.$/);
  });

  it('extended 0x0 ("no additional information") adds nothing: the reason alone says it, and a normal end stays one', () => {
    expect(explain('Error code: 0x204 Extended error code: 0x0').plain).toBe(
      '0x204 (extended 0x0) means this computer could not open a connection to the server at all: it is off, unreachable, or something blocks the Remote Desktop port.',
    );
    const ended = explain('0x1 0x0');
    expect(ended.coverage).toBe('not-an-error');
    expect(coverageSentence[ended.coverage]).toMatch(/^That is how a session ends normally\./);
    expect(explain('0x3 0x0').plain).toBe('0x3 (extended 0x0) means the server ended the connection on purpose.');
  });

  it("a reason's hint about the extended code goes when one is given; the rest of its sentence stays", () => {
    expect(explain('0x3').plain).toBe(
      '0x3 means the server ended the connection on purpose; the extended code, when the message shows one, says why.',
    );
    expect(explain('0x907 0x7').plain).toBe(
      "0x907 (extended 0x7) means Microsoft does not document this code; people meet it when Remote Desktop does not accept the server's certificate, so that is checked; the server refused the connection.",
    );
    expect(explain('0x106 0x6').plain).toBe(
      '0x106 (extended 0x6) means this computer ran out of memory while connecting; close some programs and try again; the server ran out of memory.',
    );
  });

  it('an extended code typed alone is named as one; a disconnect reason is not', () => {
    expect(explain('0x112f').technical).toBe(
      '0x112f = 4399 ERRINFO_GRAPHICS_SUBSYSTEM_FAILED (an extended code): The graphics subsystem failed (MS-RDPBCGR 2.2.5.1.1).',
    );
    expect(explain('0x3').technical).toBe('0x3 = 3 disconnectReasonByServer: Remote disconnection by server. This is not an error code.');
  });

  it('an unlisted reason with a listed extended code: the extended code explains it, and the reason is said to be unlisted', () => {
    const e = explain('0x9999 0x7');
    expect(e.plain).toBe('0x9999 (extended 0x7) means the server refused the connection.');
    expect(e.technical).toBe(
      '0x9999: not a listed disconnect reason. extended 0x7 exDiscReasonServerDeniedConnection: The server denied the connection.',
    );
    expect(e.coverage).toBe('checks');
  });

  it('a listed reason with an unlisted extended code: the reason explains it and nothing is invented for the other', () => {
    const e = explain('0x904 0x9999');
    expect(e.plain).toBe(
      '0x904 (extended 0x9999) means the server closed the connection while the two computers were setting up security.',
    );
    expect(e.technical).toBe('0x904 = 2308 disconnectReasonAtClientWinsockFDCLOSE: Socket closed.');
    expect(e.names).toBe('disconnectReasonAtClientWinsockFDCLOSE: Socket closed');
  });

  it('a code in neither list says where it was looked for', () => {
    const e = explain('0x9999');
    expect(e.names).toBe('not a listed code');
    expect(e.technical).toBe('0x9999: in neither IMsTscAxEvents::OnDisconnected nor ExtendedDisconnectReasonCode.');
    expect(e.causes).toEqual([]);
  });

  it('a token the schema refuses has no explanation', () => {
    expect(explainReportedError('0x904/0x7/0x1')).toBeNull();
    expect(explainReportedError('not a code')).toBeNull();
  });

  it("each code's plain sentence is one sentence: its only period ends it", () => {
    const plains = [REASONS, OTHER, EXTENDED].flatMap((table) => Object.values(table).map((m) => m.plain));
    expect(plains.filter((p) => !p.endsWith('.') || p.slice(0, -1).includes('.'))).toEqual([]);
  });
});

describe('coverageSentence: what RDP Doctor says it will do with the code, under its meaning', () => {
  it.each([
    ['0x904 0x7', 'This is the error RDP Doctor checks most deeply.'],
    ['0x204', 'RDP Doctor runs the checks that can explain it, and puts what points to it first.'],
    ['0x3 0x112f', 'RDP Doctor cannot check this one: none of its checks can see the cause. It still checks everything else.'],
    ['0x2', 'That is how a session ends normally. If connecting fails, give the error Remote Desktop shows then, or leave this empty.'],
    // "Microsoft does not list 0x9999 ..." already says it all: no second line.
    ['0x9999', ''],
  ])('%s: %j', (text, sentence) => {
    expect(coverageSentence[explain(text).coverage]).toBe(sentence);
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
    expect(after[3]?.title).toBe('RDP Doctor cannot check what causes 0x3 (extended 0x112f)');
    expect(after[3]?.plain).toMatch(/No check RDP Doctor runs can see this/);
    expect(plainTextProblems(after[3]!.plain)).toEqual([]);
    expect(after[3]?.technical).toBe(
      '0x3 = 3 disconnectReasonByServer: Remote disconnection by server. This is not an error code. extended 0x112f ERRINFO_GRAPHICS_SUBSYSTEM_FAILED: The graphics subsystem failed (MS-RDPBCGR 2.2.5.1.1). No check of RDP Doctor reads this cause.',
    );
    expect(after[3]?.evidence).toEqual([{ checkId: 'rdp-handshake', label: 'The error you reported', value: '0x3/0x112f' }]);
    expect(considerReportedError(found, '0x9999')).toEqual(found);
    // A normal end (the log's last attempt was closed by the user) is no error to explain, with
    // or without an extended 0x0.
    expect(considerReportedError(found, '0x1')).toEqual(found);
    expect(considerReportedError(found, '0x1/0x0')).toEqual(found);
    expect(considerReportedError(found, undefined)).toEqual(found);
    expect(considerReportedError(found, 'not a code')).toEqual(found);
  });

  it('a code that points to part of one family moves the other families down, and leaves the rest of its own where it was', () => {
    const mixed = [
      finding('certificate-unusable', 50),
      finding('tls-disabled', 50),
      finding('port-closed', 50),
      finding('name-does-not-resolve', 50),
    ];
    const after = Object.fromEntries(considerReportedError(mixed, '0x706').map((f) => [f.id, f.score]));
    expect(after).toEqual({ 'certificate-unusable': 65, 'tls-disabled': 50, 'port-closed': 10, 'name-does-not-resolve': 10 });
  });

  it("the code's evidence names each code in Microsoft's words, under the check that found the cause", () => {
    const license = finding('license-cache-damaged', 30, [{ checkId: 'client-license-cache', label: 'x', value: 'x' }]);
    expect(considerReportedError([license], '0x3/0x105')[0]?.evidence.at(-1)).toEqual({
      checkId: 'client-license-cache',
      label: 'The error you see now',
      value:
        '0x3/0x105 (disconnectReasonByServer: Remote disconnection by server. This is not an error code; exDiscReasonLicenseErrClientLicense: Client license error) points to this.',
    });
    // No name in Microsoft's list: it says so; a finding without evidence gets it under the handshake.
    expect(considerReportedError([finding('connecting-to-itself', 40, [])], '0x708')[0]?.evidence).toEqual([
      {
        checkId: 'rdp-handshake',
        label: 'The error you see now',
        value:
          "0x708 (no name: Not in Microsoft's list of disconnect reasons; Remote Desktop logs it when the connection reached this same computer) points to this.",
      },
    ]);
  });
});
