import { describe, expect, it } from 'vitest';
import { findingOf } from '../../../test/support/rule-alone';
import { listener, result, services } from '../../../test/support/server-results';
import { diagnose } from '../../diagnosis/rules';
import type { CheckResult } from '../../results';
import { portTakenByAnother, serverListenerDiagnosis } from './diagnosis';

const rule = (...results: CheckResult[]) => findingOf(serverListenerDiagnosis, ...results);
const nginx = { port: 3389, pid: 5512, processName: 'nginx', services: [] };
const rdpOn = (port: number) => ({ port, pid: 1184, processName: 'svchost', services: ['TermService'] });

describe('server-listener: what it reads', () => {
  it("passes Remote Desktop's own process on the port, known by its process or its service", () => {
    expect(listener()).toMatchObject({ status: 'pass', summary: 'Remote Desktop (TermService, process 1184) listens on port 3389.' });
    expect(listener({ termPid: null })).toMatchObject({
      status: 'pass',
      summary: 'Remote Desktop (TermService, process ?) listens on port 3389.',
    });
    expect(listener({ sockets: [{ port: 3389, pid: 1184, processName: 'svchost', services: [] }] }).status).toBe('pass');
    expect(listener({ portNumber: null }).status).toBe('pass');
  });

  it('names the program that holds the port, however Windows spelled it', () => {
    expect(listener({ sockets: [rdpOn(3390), nginx] })).toMatchObject({
      status: 'fail',
      summary: 'Port 3389 is held by nginx.exe (process 5512), not by Remote Desktop. That program answers and then hangs up.',
    });
    expect(listener({ sockets: [{ port: 3389, pid: 77, processName: 'Tomcat9.EXE', services: ['Tomcat9', 'Other'] }] }).summary).toMatch(
      /^Port 3389 is held by Tomcat9\.EXE \(process 77, Tomcat9, Other\), not by Remote Desktop\./,
    );
    const unknown = result('server-listener', {
      targetPort: 3389,
      portNumber: 3390,
      fEnableWinStation: 1,
      termServicePid: 1184,
      listeners: [{ localAddress: '0.0.0.0', localPort: 3389, pid: 4, processName: null, services: [] }],
    });
    expect(unknown.summary).toBe(
      'Port 3389 is held by an unknown program (process 4), not by Remote Desktop, which is set to port 3390. That program answers and then hangs up.',
    );
    // Only a name that ends in .exe keeps its own.
    expect(listener({ sockets: [{ port: 3389, pid: 90, processName: 'backup.exe-agent', services: [] }] }).summary).toMatch(
      /held by backup\.exe-agent\.exe \(process 90\)/,
    );
    // Another program on another port is none of Remote Desktop's business.
    expect(listener({ sockets: [rdpOn(3389), { ...nginx, port: 443 }] }).status).toBe('pass');
  });

  it('fails a listener switched off, and only 0 is off', () => {
    expect(listener({ enabled: 0 })).toMatchObject({
      status: 'fail',
      summary: 'The RDP-Tcp listener is switched off (fEnableWinStation = 0), so Remote Desktop accepts no connections.',
    });
    expect(listener({ enabled: null }).status).toBe('pass');
  });

  it('fails a port Remote Desktop was moved away from', () => {
    expect(listener({ portNumber: 3390, sockets: [rdpOn(3390)] })).toMatchObject({
      status: 'fail',
      summary: 'Remote Desktop listens on port 3390 (PortNumber), but you connect to port 3389.',
    });
  });

  it('fails a port nothing of Remote Desktop listens on, and says when its service is not running', () => {
    expect(listener({ sockets: [] })).toMatchObject({ status: 'fail', summary: 'Nothing of Remote Desktop listens on port 3389.' });
    expect(listener({ termPid: null, sockets: [] }).summary).toBe(
      'Nothing of Remote Desktop listens on port 3389: Remote Desktop Services is not running.',
    );
    expect(listener({ sockets: [{ ...rdpOn(3389), port: 3390, services: [] }] }).status).toBe('fail');
  });
});

describe('server-listener: what it tells the other rules', () => {
  it('says whether another program holds the port', () => {
    const byId = (...results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.checkId, r]));
    expect(portTakenByAnother(byId(listener({ sockets: [nginx] })))).toBe(true);
    expect(portTakenByAnother(byId(listener({ enabled: 0 })))).toBe(false);
    expect(portTakenByAnother(byId(listener()))).toBe(false);
    expect(portTakenByAnother({})).toBe(false);
  });
});

describe('server-listener: what it finds', () => {
  it('makes another program on the port a likely finding, with the program as evidence', () => {
    const [f] = diagnose([listener({ sockets: [nginx] })]);
    expect(f?.id).toBe('rdp-listener-problem');
    expect(f?.evidence[0]?.value).toMatch(/nginx\.exe \(process 5512\)/);
    const r = rule(listener({ sockets: [nginx] }));
    expect(r?.title).toBe('Another program holds the Remote Desktop port');
    expect(r?.plain).toMatch(/belongs to another program, not to Remote Desktop/);
    expect(r?.technical).toMatch(/^Get-NetTCPConnection -State Listen -LocalPort <port>: OwningProcess is not the svchost/);
    expect([r?.likelihood, r?.score]).toEqual(['likely', 91]);
    expect(r?.learnMore).toMatch(/change-listening-port$/);
    expect(r?.evidence.map((e) => [e.checkId, e.label])).toEqual([['server-listener', 'Listener']]);
    expect(r?.fixIds).toEqual([]);
  });

  it('tells a switched-off listener how to come back', () => {
    const r = rule(listener({ enabled: 0 }));
    expect(r?.title).toBe('The Remote Desktop listener is switched off');
    expect(r?.plain).toMatch(/refuses connections even though it is turned on/);
    expect(r?.technical).toMatch(/^fEnableWinStation = 0 under .*RDP-Tcp\. Set it to 1 and Restart-Service TermService -Force\.$/);
    expect(r?.score).toBe(91);
  });

  it('names the port Remote Desktop was moved to', () => {
    const r = rule(listener({ portNumber: 3390, sockets: [rdpOn(3390)] }));
    expect(r?.title).toBe('Remote Desktop listens on port 3390, not the one you use');
    expect(r?.plain).toBe(
      'Someone changed the Remote Desktop port on the server to 3390. Connect to that port (computer:3390), or change it back and open the firewall for it.',
    );
    expect(r?.technical).toMatch(/^PortNumber = 3390 under /);
    expect(r?.score).toBe(88);
  });

  it('leaves a silent port to a stopped Remote Desktop Services, and names it when the services run', () => {
    const silent = listener({ sockets: [] });
    expect(rule(silent, services('Stopped'))).toBeNull();
    const r = rule(silent, services('Running'));
    expect(r?.title).toBe('Remote Desktop does not listen on its port');
    expect(r?.plain).toMatch(/Restarting Remote Desktop Services usually brings the listener back/);
    expect(r?.technical).toMatch(/^No Listen socket on PortNumber/);
    expect(r?.score).toBe(86);
  });

  it('reads a failed result without facts (an older report) as a silent port', () => {
    const old: CheckResult = { checkId: 'server-listener', status: 'fail', summary: 'Nothing listens.', durationMs: 1 };
    expect(rule(old)?.title).toBe('Remote Desktop does not listen on its port');
    expect(rule(old, services('Stopped'))).toBeNull();
  });

  it('finds nothing on a listener that passed, or whose facts show it working', () => {
    expect(rule(listener())).toBeNull();
    expect(rule({ ...listener(), status: 'fail' })).toBeNull();
    expect(rule()).toBeNull();
  });
});
