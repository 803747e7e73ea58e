#!/usr/bin/env node
// A stand-in for assets/scripts/elevated-helper.ps1 running as administrator, where neither
// Windows nor PowerShell exists. It speaks the helper's real protocol over the real socket the
// app listens on: a hello with the token, then one JSON line per progress and per result. What it
// answers, and how it misbehaves, comes from its one argument (base64 JSON), so the app side's
// protocol handling is tested against a real child process.
import { connect } from 'node:net';
import { appendFileSync } from 'node:fs';

const config = JSON.parse(Buffer.from(process.argv[2], 'base64').toString('utf8'));
const { path, token, answers = {}, behaviour = {}, log } = config;

const socket = connect(path);
const send = (obj) => socket.write(`${JSON.stringify(obj)}\r\n`);

socket.on('connect', () => {
  // A BOM before the first line, as a UTF-8 StreamWriter with default settings writes one.
  if (behaviour.bom) socket.write('\uFEFF');
  send({ type: 'hello', token: behaviour.wrongToken ? 'not-the-token' : token, pid: process.pid });
});

let buffered = '';
socket.on('data', (chunk) => {
  buffered += chunk.toString('utf8');
  let nl;
  while ((nl = buffered.indexOf('\n')) !== -1) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    handle(JSON.parse(line));
  }
});
socket.on('close', () => process.exit(0));
socket.on('error', () => process.exit(0));

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
  const args = JSON.parse(Buffer.from(request.encodedArgs, 'base64').toString('utf8'));
  const facts = answers[script] ?? { echo: args };
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
