#!/usr/bin/env node
// A stand-in for assets/scripts/elevated-helper.ps1 running as administrator, for the app side's
// protocol handling (timeouts, deaths, garbage, split lines). The real helper runs under pwsh in
// test/elevation/. Like the real one it creates the pipe (here: the socket path it is given),
// waits for the app's hello with the token, answers with its process id, then one JSON line per
// progress and per result. What it answers, and how it misbehaves, comes from its one argument
// (base64 JSON).
import { createServer } from 'node:net';
import { appendFileSync } from 'node:fs';

const config = JSON.parse(Buffer.from(process.argv[2], 'base64').toString('utf8'));
const { path, token, answers = {}, behaviour = {}, log } = config;

let socket = null;
const send = (obj) => socket.write(`${JSON.stringify(obj)}\r\n`);

const server = createServer((client) => {
  // One client only, as the real helper's one pipe instance.
  server.close();
  socket = client;
  let buffered = '';
  let greeted = false;
  client.on('data', (chunk) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) !== -1) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const message = JSON.parse(line);
      if (!greeted) {
        greeted = true;
        hello(message);
      } else {
        handle(message);
      }
    }
  });
  client.on('close', () => process.exit(0));
  client.on('error', () => process.exit(0));
});
server.listen(path);

function hello(message) {
  // A BOM before the first line, as a UTF-8 StreamWriter with default settings writes one.
  if (behaviour.bom) socket.write('\uFEFF');
  if (message.token !== token || behaviour.refuseSession) {
    send({ type: 'refused', message: behaviour.refuseSession ?? 'Refused: the token is not the one this helper was started with.' });
    socket.end();
    return;
  }
  send({ type: 'hello', pid: behaviour.otherPid ? process.pid + 100000 : process.pid });
}

function handle(request) {
  if (log) appendFileSync(log, `${JSON.stringify(request)}\n`);
  if (request.type === 'exit') {
    socket.end();
    return;
  }
  const { id, script } = request;
  if (behaviour.dieOn === script) process.exit(1);
  if (behaviour.hangOn === script) return;
  if (behaviour.garbageOn === script) {
    socket.write('Exception calling "Invoke" with "0" argument(s)\r\n');
    return;
  }
  send({ type: 'progress', id, message: `Running ${script}` });
  if (behaviour.refuse) {
    send({ type: 'result', id, ok: false, error: { kind: 'refused', message: `${script} is not on the allow-list.` } });
    return;
  }
  if (behaviour.failOn === script) {
    send({ type: 'result', id, ok: false, error: { kind: 'script-error', message: 'Zugriff verweigert' } });
    return;
  }
  const args = request.encodedArgs ? JSON.parse(Buffer.from(request.encodedArgs, 'base64').toString('utf8')) : {};
  const facts = answers[script] ?? { echo: { backupId: request.backupId, args } };
  const text = `${JSON.stringify({ type: 'result', id, ok: true, facts })}\r\n`;
  if (behaviour.trickle) {
    // One byte per write: the app must join lines split anywhere, even inside a UTF-8 character.
    const bytes = Buffer.from(text, 'utf8');
    let i = 0;
    const next = () => {
      if (i < bytes.length) socket.write(bytes.subarray(i, ++i), next);
    };
    next();
  } else {
    socket.write(text);
  }
}
