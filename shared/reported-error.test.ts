import { describe, expect, it } from 'vitest';
import { ReportedErrorSchema, reportedMessages } from './reported-error';
import { parseReportedError, readReportedError, REPORTED_TEXT_MAX } from './reported-error-text';

const tokenOf = (text: string) => {
  const read = readReportedError(text);
  return read.ok ? read.token : `problem: ${read.problem}`;
};

describe('readReportedError: what the user types or pastes on the first step', () => {
  it("reads the dialog's whole text: the code and the extended code, by their labels", () => {
    const dialog =
      "Remote Desktop Connection\nThis computer can't connect to the remote computer.\n\nTry connecting again. If the problem continues, contact the owner of the remote computer or your network administrator.\n\nError code: 0x204\nExtended error code: 0x0\n\nTimestamp (UTC): 2026-12-07T10:12:09.123Z\nActivity ID: 780cf827-0ed1-4f4b-924c-3b14e7660000\nOK";
    expect(tokenOf(dialog)).toBe('0x204/0x0');
    expect(tokenOf('Because of a protocol error, this session will be disconnected. Error code: 0x904 Extended error code: 0x7')).toBe(
      '0x904/0x7',
    );
  });

  it('a localized dialog: the first two hexadecimal numbers, code first (the order every language keeps)', () => {
    expect(tokenOf('Fehlercode: 0x904\nErweiterter Fehlercode: 0x7')).toBe('0x904/0x7');
    // The activity id is a GUID, not a 0x number; the timestamp has no 0x either.
    expect(tokenOf('Código de error: 0x3 Código de error extendido: 0x112f Id. de actividad: {780cf827-0ed1-4f4b}')).toBe('0x3/0x112f');
  });

  it('a typed code, with or without the extended one; bare digits are decimal, as the client log writes them', () => {
    expect(tokenOf('0x204')).toBe('0x204');
    expect(tokenOf(' 0x904 0x7 ')).toBe('0x904/0x7');
    expect(tokenOf('0x904/0x7')).toBe('0x904/0x7');
    expect(tokenOf('2308')).toBe('0x904');
    expect(tokenOf('0X112F')).toBe('0x112f');
    expect(tokenOf('0x80080005')).toBe('0x80080005');
  });

  it('the dialogs without a code', () => {
    expect(
      tokenOf(
        'An authentication error has occurred.\nThe function requested is not supported\n\nRemote computer: office-pc\nThis could be due to CredSSP encryption oracle remediation.',
      ),
    ).toBe('credssp-encryption-oracle');
    expect(tokenOf('Remote Desktop Connection: An internal error has occurred.')).toBe('internal-error');
    expect(
      tokenOf(
        'The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer. Please contact the server administrator.',
      ),
    ).toBe('no-client-access-license');
    expect(
      tokenOf(
        "Account restrictions are preventing this user from signing in. For example: blank passwords aren't allowed, sign-in times are limited, or a policy restriction has been enforced.",
      ),
    ).toBe('account-restriction');
    expect(tokenOf('0xC000006E')).toBe('0xc000006e');
    expect(
      tokenOf('An authentication error has occurred.\nThe Local Security Authority cannot be contacted.\n\nRemote computer: office-pc'),
    ).toBe('lsa-cannot-be-contacted');
    expect(
      tokenOf(
        'The remote computer that you are trying to connect to requires Network Level Authentication (NLA), but your Windows domain controller cannot be contacted to perform NLA.',
      ),
    ).toBe('lsa-cannot-be-contacted');
    // The Windows App's dialog: its own code in the text, zeros below (mRemoteNG #3088).
    expect(
      tokenOf(
        '[Window Title]\nRemote Desktop Connection\n\n[Content]\nAn authentication error has occurred (Code: 0x80080005).\n\nRemote computer: POC01\n\n[Expanded Information]\nError code: 0x0\nExtended error code: 0x0\nTimestamp (UTC): 01/21/26 10:53:14 AM',
      ),
    ).toBe('0x80080005');
    // A real disconnect reason below wins over a code in the text.
    expect(tokenOf('An authentication error has occurred (Code: 0x80004005).\nError code: 0x904\nExtended error code: 0x7')).toBe(
      '0x904/0x7',
    );
  });

  it('bad input gets one clear sentence and no token', () => {
    expect(tokenOf('')).toMatch(/^problem: Type the code/);
    expect(tokenOf('it just does not work')).toMatch(/^problem: No error code found/);
    expect(tokenOf('0x123456789')).toMatch(/^problem: No error code found|is not a code/);
    expect(tokenOf('x'.repeat(REPORTED_TEXT_MAX + 1))).toMatch(/^problem: That is longer than any Remote Desktop message/);
  });
});

describe('the canonical form on the wire (ReportedErrorSchema)', () => {
  it('accepts every token readReportedError makes, and nothing that could carry anything else', () => {
    for (const t of ['0x204', '0x904/0x7', '516', '0x80080005', ...reportedMessages])
      expect(ReportedErrorSchema.safeParse(t).success).toBe(true);
    for (const t of ["0x204'; Remove-Item C:\\", '0x204/0x7/0x1', 'internal-error2', '$(calc)', '0x904 0x7'])
      expect(ReportedErrorSchema.safeParse(t).success).toBe(false);
  });

  it('parses back into its parts', () => {
    expect(parseReportedError('0x904/0x7')).toEqual({ reason: 2308, extended: 7, message: null });
    expect(parseReportedError('516')).toEqual({ reason: 516, extended: null, message: null });
    expect(parseReportedError('internal-error')).toEqual({ reason: null, extended: null, message: 'internal-error' });
    expect(parseReportedError('0x1/0x2/0x3')).toBeNull();
  });
});
