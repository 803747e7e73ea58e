import { evidenceOf, failed, type Rule } from '../../diagnosis/rule-kit';
import type { Evaluation } from '../../diagnosis/types';
import { ServiceDllFactsSchema } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateServiceDll(raw: unknown): Evaluation {
  const f = ServiceDllFactsSchema.parse(raw);
  // Stryker disable next-line StringLiteral: any fallback without "rdpwrap" reads as no wrapper, as null itself would ("null")
  const wrapper = f.rdpWrapperFiles.length > 0 || /rdpwrap/i.test(f.serviceDll ?? '');
  const isDefault = f.expandedPath?.toLowerCase() === f.expectedPath.toLowerCase();
  if (isDefault && !wrapper) return { status: 'pass', summary: `Remote Desktop Services loads Windows' own ${f.expectedPath}.` };
  if (wrapper) {
    return {
      status: 'fail',
      summary: `RDP Wrapper is installed (${isDefault ? f.rdpWrapperFiles.join(', ') : f.serviceDll}). It patches Remote Desktop and often breaks after a Windows update. RDP Doctor reports it and does not change it.`,
    };
  }
  return {
    status: 'fail',
    summary: `Remote Desktop Services loads ${f.serviceDll ?? 'no ServiceDll at all'} instead of ${f.expectedPath}${f.fileExists ? '' : ' (and that file is missing)'}. That is not Windows' own setting; RDP Doctor does not change it.`,
  };
}

const serviceDllReplaced: Rule = (r) => {
  const d = r['server-service-dll'];
  if (!failed(d)) return null;
  return {
    id: 'termservice-dll-replaced',
    title: 'Remote Desktop Services has been patched or replaced',
    plain:
      "Remote Desktop Services does not run Windows' own program as it should. Tools such as RDP Wrapper do this to allow more sessions; after a Windows update they often stop working and the server drops connections. RDP Doctor does not repair this: update or remove the tool (its own uninstaller), or reinstall Remote Desktop from Windows, then check again.",
    technical:
      'ServiceDll under HKLM\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters is not %SystemRoot%\\System32\\termsrv.dll (see the evidence for the value).',
    likelihood: 'likely',
    score: 75,
    evidence: [evidenceOf(d, 'ServiceDll')],
    fixIds: [],
  };
};

export const serverServiceDllDiagnosis = defineCheckDiagnosis({
  id: 'server-service-dll',
  evaluate: evaluateServiceDll,
  rules: [serviceDllReplaced],
});
