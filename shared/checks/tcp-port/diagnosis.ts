import { TcpFactsSchema } from '../../network-facts';
import type { Evaluation } from '../../diagnosis/types';
import { defineCheckDiagnosis } from '../define-diagnosis';

function evaluateTcp(raw: unknown): Evaluation {
  const f = TcpFactsSchema.parse(raw);
  const open = f.attempts.find((a) => a.state === 'open');
  if (open) return { status: 'pass', summary: `Port ${f.port} is open on ${open.address} (answered in ${Math.round(open.ms)} ms).` };
  const first = f.attempts[0];
  if (!first) return { status: 'skipped', summary: 'Skipped: the name did not resolve, so there was no address to connect to.' };
  const states = new Set(f.attempts.map((a) => a.state));
  if (states.has('filtered')) {
    return {
      status: 'fail',
      summary: `Port ${f.port} does not answer at all: something between you and the server silently drops the connection (a firewall, router, VPN or security software).`,
    };
  }
  if (states.has('refused')) {
    return {
      status: 'fail',
      summary: `Port ${f.port} is closed: the computer answered, but nothing listens on that port (Remote Desktop off, or a different port).`,
    };
  }
  return { status: 'fail', summary: `The server cannot be reached on port ${f.port} (${first.error ?? 'unreachable'}).` };
}

export const tcpPortDiagnosis = defineCheckDiagnosis({
  id: 'tcp-port',
  evaluate: evaluateTcp,
  rules: [],
  informs: "the wire rules (diagnosis/wire/rules.ts), which read the probe's stages together",
});
