#!/usr/bin/env node
// Kept tiny on purpose: `--version` answers without loading the CLI (start-up is benchmarked).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { VERSION } = await import('./version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./cli/main.js');
  const { processIO } = await import('./cli/io.js');
  process.exitCode = await main(argv, processIO());
}
