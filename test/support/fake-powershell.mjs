#!/usr/bin/env node
// A stand-in for powershell.exe where none can be installed (real PowerShell is not in this
// machine's NuGet copy). It speaks node-powershell's stdin protocol for real: [Console]::Out /
// Error.WriteLine("delimiter") lines and `& '<script>' -EncodedArgs '<b64>'` invocations. What a
// "script" does is chosen by its file name, so the session wrapper's process handling (start,
// timeout, crash, restart, output, encodings) is tested against a real child process.
import { createInterface } from 'node:readline';

let hung = false;
const rl = createInterface({ input: process.stdin });
const WRITE = /^\[Console\]::(Out|Error)\.WriteLine\("(.*)"\)$/;
const INVOKE = /^& '((?:[^']|'')*)' -EncodedArgs '([A-Za-z0-9+/=]*)'$/;

const out = (s) => process.stdout.write(`${s}\n`);

rl.on('line', (line) => {
  if (hung) return;
  const write = WRITE.exec(line);
  if (write) {
    (write[1] === 'Out' ? process.stdout : process.stderr).write(`${write[2]}\n`);
    return;
  }
  if (line.startsWith('[Console]::OutputEncoding')) return;
  const invoke = INVOKE.exec(line);
  if (!invoke) {
    process.stderr.write(`The term '${line.slice(0, 30)}' is not recognized\n`);
    return;
  }
  const script = invoke[1].replace(/''/g, "'").split(/[\\/]/).pop();
  const args = JSON.parse(Buffer.from(invoke[2], 'base64').toString('utf8'));
  switch (script) {
    case 'echo.ps1':
      out(JSON.stringify({ ok: true, facts: { args, pid: process.pid } }));
      break;
    case 'warn.ps1':
      process.stderr.write('WARNING: something noisy\n');
      out(JSON.stringify({ ok: true, facts: { warned: true } }));
      break;
    case 'fail.ps1':
      out(JSON.stringify({ ok: false, error: { message: 'Access is denied.', type: 'System.UnauthorizedAccessException' } }));
      break;
    case 'garbage.ps1':
      out('this is not JSON');
      break;
    case 'silent.ps1':
      break;
    case 'hang.ps1':
      hung = true;
      break;
    case 'crash.ps1':
      process.exit(3);
      break;
    default:
      process.stderr.write(`The term '${script}' is not recognized\n`);
  }
});
