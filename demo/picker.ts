import { scenarios } from '../electron/main/simulated/scenarios';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The demo's first page: which simulated scenario to open, and where RDP Doctor runs (on a
 * laptop, the server another computer; or on the server itself). Plain HTML, no script.
 */
export function pickerPage(token: string, current: { scenario: string; runsOn: 'client' | 'server' }): string {
  const options = Object.entries(scenarios)
    .map(
      ([name, s]) =>
        `<option value="${escapeHtml(name)}"${name === current.scenario ? ' selected' : ''}>${escapeHtml(s.title)} (${escapeHtml(name)})</option>`,
    )
    .join('\n');
  const checked = (v: string) => (v === current.runsOn ? ' checked' : '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="color-scheme" content="light dark" />
<link rel="stylesheet" href="/demo/demo.css" />
<title>RDP Doctor demo: choose a scenario</title>
</head>
<body class="demo-picker">
<main>
<h1>RDP Doctor demo</h1>
<p>Two simulated Windows computers run RDP Doctor's real checks and fixes (in PowerShell 7, against a
simulated Windows). Nothing on this computer is read or changed.</p>
<form method="get" action="/start">
<input type="hidden" name="token" value="${escapeHtml(token)}" />
<p><label for="scenario">What is wrong</label><br />
<select id="scenario" name="scenario">
${options}
</select></p>
<fieldset>
<legend>Where RDP Doctor runs</legend>
<label><input type="radio" name="runsOn" value="client"${checked('client')} /> On a laptop (LAPTOP-JÜRGEN); the server is office-pc: type <b>office-pc</b></label><br />
<label><input type="radio" name="runsOn" value="server"${checked('server')} /> On the server itself (SRV-APP01): type <b>localhost</b></label>
</fieldset>
<p><button type="submit">Open RDP Doctor</button></p>
</form>
</main>
</body>
</html>`;
}
