// Loaded with `node --require` by bench/fleet-bench.ts: writes the process's peak resident set
// (kilobytes, getrusage ru_maxrss) to the file RDPD_MAX_RSS_FILE names when the process exits.
const { writeFileSync } = require('node:fs');

const file = process.env.RDPD_MAX_RSS_FILE;
if (file) process.once('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
