// Loaded with `node --expose-gc --require` by bench/fleet-bench.ts: when the process exits, writes
// to the file RDPD_MAX_RSS_FILE its peak resident set (KB, getrusage ru_maxrss) and the heap still
// in use after a full collection (KB), and the CPU time it used (ms, user + system).
const { writeFileSync } = require('node:fs');

const file = process.env.RDPD_MAX_RSS_FILE;
if (file) {
  process.once('exit', () => {
    if (typeof global.gc === 'function') global.gc();
    const u = process.resourceUsage();
    const cpuMs = Math.round((u.userCPUTime + u.systemCPUTime) / 1000);
    writeFileSync(file, `${u.maxRSS} ${Math.round(process.memoryUsage().heapUsed / 1024)} ${cpuMs}`);
  });
}
