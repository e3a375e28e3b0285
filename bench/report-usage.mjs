// Loaded with `node --import`: prints the process's peak memory when it exits, for bench/run.ts.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
