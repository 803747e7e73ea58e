import { describe, expect, it } from 'vitest';
import { dll, result } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';

const WRAPPER_DLL = 'C:\\Program Files\\RDP Wrapper\\rdpwrap.dll';
const WRAPPER_INI = 'C:\\Program Files\\RDP Wrapper\\rdpwrap.ini';
/** The facts as the script reads them, for what dll() does not build: another program, a missing file, no value at all. */
const facts = (serviceDll: string | null, expandedPath: string | null, fileExists = true) =>
  result('server-service-dll', {
    serviceDll,
    expandedPath,
    expectedPath: 'C:\\Windows\\System32\\termsrv.dll',
    fileExists,
    fileDescription: null,
    rdpWrapperFiles: [],
  });

describe('server-service-dll', () => {
  it("passes Windows' own termsrv.dll, whatever the case of its path", () => {
    const r = dll();
    expect(r.status).toBe('pass');
    expect(r.summary).toBe("Remote Desktop Services loads Windows' own C:\\Windows\\System32\\termsrv.dll.");
    expect(facts('%systemroot%\\system32\\TERMSRV.DLL', 'c:\\windows\\system32\\TERMSRV.DLL').status).toBe('pass');
  });

  it('reports RDP Wrapper and never offers to repair it', () => {
    const [f] = diagnose([dll(WRAPPER_DLL, [WRAPPER_INI])]);
    expect(f?.id).toBe('termservice-dll-replaced');
    expect(f?.title).toBe('Remote Desktop Services has been patched or replaced');
    expect(f?.likelihood).toBe('likely');
    expect(f?.plain).toMatch(/RDP Wrapper.*after a Windows update.*RDP Doctor does not repair this/);
    expect(f?.technical).toMatch(/ServiceDll under HKLM.*TermService\\Parameters is not %SystemRoot%\\System32\\termsrv\.dll/);
    expect(f?.evidence).toEqual([
      { checkId: 'server-service-dll', label: 'ServiceDll', value: expect.stringMatching(/^RDP Wrapper is installed/) },
    ]);
    expect(f?.fixIds).toEqual([]);
  });

  it('names RDP Wrapper by the ServiceDll it put in, or by its files when the ServiceDll is still the default', () => {
    const inServiceDll = dll(WRAPPER_DLL);
    expect(inServiceDll.status).toBe('fail');
    expect(inServiceDll.summary).toBe(
      `RDP Wrapper is installed (${WRAPPER_DLL}). It patches Remote Desktop and often breaks after a Windows update. RDP Doctor reports it and does not change it.`,
    );
    // rdpwrap.dll loaded by a ServiceDll that only names it, however cased.
    expect(facts('C:\\Tools\\RDPWRAP.DLL', 'C:\\Tools\\RDPWRAP.DLL').summary).toMatch(
      /^RDP Wrapper is installed \(C:\\Tools\\RDPWRAP\.DLL\)/,
    );
    // The files alone, left behind beside Windows' own ServiceDll: still reported, by the files.
    const filesOnly = dll(undefined, [WRAPPER_DLL, WRAPPER_INI]);
    expect(filesOnly.status).toBe('fail');
    expect(filesOnly.summary).toMatch(
      /^RDP Wrapper is installed \(C:\\Program Files\\RDP Wrapper\\rdpwrap\.dll, C:\\Program Files\\RDP Wrapper\\rdpwrap\.ini\)\./,
    );
  });

  it('reports another program in place of termsrv.dll, and says when the expected file is missing too', () => {
    const other = facts('C:\\Windows\\System32\\termsrv_patched.dll', 'C:\\Windows\\System32\\termsrv_patched.dll');
    expect(other.status).toBe('fail');
    expect(other.summary).toBe(
      "Remote Desktop Services loads C:\\Windows\\System32\\termsrv_patched.dll instead of C:\\Windows\\System32\\termsrv.dll. That is not Windows' own setting; RDP Doctor does not change it.",
    );
    const missing = facts(null, null, false);
    expect(missing.status).toBe('fail');
    expect(missing.summary).toBe(
      "Remote Desktop Services loads no ServiceDll at all instead of C:\\Windows\\System32\\termsrv.dll (and that file is missing). That is not Windows' own setting; RDP Doctor does not change it.",
    );
    expect(diagnose([missing])[0]?.id).toBe('termservice-dll-replaced');
  });
});
