import { learnMore } from '../../catalog/learn-more';
import { evidenceOf, failed, type Results, type Rule } from '../../diagnosis/rule-kit';
import { factsOf } from '../../diagnosis/facts-of';
import type { Evaluation } from '../../diagnosis/types';
import { ListenerFactsSchema, type ListenerFacts } from './catalog';
import { defineCheckDiagnosis } from '../define-diagnosis';

const DEFAULT_RDP_PORT = 3389;

/** Another program holds the port Remote Desktop should answer on (the listener check's facts). */
export function portTakenByAnother(r: Results): boolean {
  const f = factsOf(r['server-listener'], ListenerFactsSchema);
  return f !== null && listenerProblem(f).problem === 'port-taken';
}

export function listenerProblem(f: ListenerFacts): {
  problem: 'none' | 'listener-off' | 'port-taken' | 'wrong-port' | 'not-listening';
  summary: string;
} {
  const port = f.portNumber ?? DEFAULT_RDP_PORT;
  const program = (name: string | null) => (name === null ? 'an unknown program' : /\.exe$/i.test(name) ? name : `${name}.exe`);
  const owner = (s: ListenerFacts['listeners'][number]) =>
    `${program(s.processName)} (process ${s.pid}${s.services.length ? `, ${s.services.join(', ')}` : ''})`;
  const isRdp = (s: ListenerFacts['listeners'][number]) => s.pid === f.termServicePid || s.services.includes('TermService');
  const onTarget = f.listeners.filter((s) => s.localPort === f.targetPort);
  const stranger = onTarget.find((s) => !isRdp(s));
  if (stranger) {
    return {
      problem: 'port-taken',
      summary: `Port ${f.targetPort} is held by ${owner(stranger)}, not by Remote Desktop${port !== f.targetPort ? `, which is set to port ${port}` : ''}. That program answers and then hangs up.`,
    };
  }
  if (f.fEnableWinStation === 0) {
    return {
      problem: 'listener-off',
      summary: 'The RDP-Tcp listener is switched off (fEnableWinStation = 0), so Remote Desktop accepts no connections.',
    };
  }
  if (port !== f.targetPort) {
    return {
      problem: 'wrong-port',
      summary: `Remote Desktop listens on port ${port} (PortNumber), but you connect to port ${f.targetPort}.`,
    };
  }
  if (!f.listeners.some((s) => s.localPort === port && isRdp(s))) {
    return {
      problem: 'not-listening',
      summary: `Nothing of Remote Desktop listens on port ${port}${f.termServicePid === null ? ': Remote Desktop Services is not running' : ''}.`,
    };
  }
  return { problem: 'none', summary: `Remote Desktop (TermService, process ${f.termServicePid ?? '?'}) listens on port ${port}.` };
}

function evaluateListener(raw: unknown): Evaluation {
  const { problem, summary } = listenerProblem(ListenerFactsSchema.parse(raw));
  return { status: problem === 'none' ? 'pass' : 'fail', summary };
}

const listenerWrong: Rule = (r) => {
  const l = r['server-listener'];
  if (!failed(l)) return null;
  const f = factsOf(l, ListenerFactsSchema);
  const problem = f ? listenerProblem(f).problem : 'not-listening';
  // Facts that show a working listener beside a failed status (a report mixed from two runs) name nothing.
  if (problem === 'none') return null;
  // A stopped TermService explains a silent port: that finding carries this evidence.
  if (problem === 'not-listening' && failed(r['server-services'])) return null;
  const port = f?.portNumber ?? DEFAULT_RDP_PORT;
  const text: Record<Exclude<typeof problem, 'none'>, { title: string; plain: string; technical: string; score: number }> = {
    'port-taken': {
      title: 'Another program holds the Remote Desktop port',
      plain:
        'The port you connect to belongs to another program, not to Remote Desktop. It accepts the connection and then hangs up, which Remote Desktop reports as 0x904 / 0x7. Stop that program or move it, or connect to the port Remote Desktop really uses.',
      technical:
        'Get-NetTCPConnection -State Listen -LocalPort <port>: OwningProcess is not the svchost that hosts TermService (Win32_Service ProcessId); see the evidence for the process name.',
      score: 91,
    },
    'listener-off': {
      title: 'The Remote Desktop listener is switched off',
      plain:
        'The part of Remote Desktop that accepts connections is switched off, so Remote Desktop refuses connections even though it is turned on. Switching it back on and restarting Remote Desktop Services fixes it.',
      technical:
        'fEnableWinStation = 0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp. Set it to 1 and Restart-Service TermService -Force.',
      score: 91,
    },
    'wrong-port': {
      title: `Remote Desktop listens on port ${port}, not the one you use`,
      plain: `Someone changed the Remote Desktop port on the server to ${port}. Connect to that port (computer:${port}), or change it back and open the firewall for it.`,
      technical: `PortNumber = ${port} under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp; the "Remote Desktop" firewall rules allow 3389 only unless changed too.`,
      score: 88,
    },
    'not-listening': {
      title: 'Remote Desktop does not listen on its port',
      plain:
        "Remote Desktop is set up, but nothing of it listens on the port. Restarting Remote Desktop Services usually brings the listener back; the server's system log says why it stopped.",
      technical:
        'No Listen socket on PortNumber (Get-NetTCPConnection -State Listen -LocalPort <port>) although TermService runs. Restart-Service TermService -Force; look in the System log and TerminalServices-RemoteConnectionManager/Admin.',
      score: 86,
    },
  };
  const t = text[problem];
  return {
    id: 'rdp-listener-problem',
    ...t,
    learnMore: learnMore.listeningPort,
    likelihood: 'likely',
    evidence: [evidenceOf(l, 'Listener')],
    fixIds: [],
  };
};

export const serverListenerDiagnosis = defineCheckDiagnosis({
  id: 'server-listener',
  evaluate: evaluateListener,
  rules: [listenerWrong],
});
