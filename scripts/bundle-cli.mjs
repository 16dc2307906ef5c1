// The CLI as shipped: src/bin.ts bundled by esbuild into dist/bin.js, each command a chunk in
// dist/cli-bundle/ loaded on demand. Node then reads a handful of files at start-up instead of a few
// hundred modules: `atlas-run run` starts in 190-210 ms instead of 300-310 ms (measured, BENCHMARKS.md B5).
// The library (dist/index.js and the rest) stays tsc's unbundled output. Run after tsc: `npm run build`.
import { chmodSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
rmSync(new URL('dist/cli-bundle/', root), { recursive: true, force: true });
await build({
  absWorkingDir: new URL('.', root).pathname,
  entryPoints: { bin: 'src/bin.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  chunkNames: 'cli-bundle/[name]-[hash]',
  // zx is loaded only by the exec step and finds its own files at run time: it stays a package.
  external: ['zx'],
  // Bundled CommonJS dependencies (undici, csv-parse…) call require(); ESM output has none of its own.
  banner: { js: "import { createRequire as atlasCreateRequire } from 'node:module';\nconst require = atlasCreateRequire(import.meta.url);" },
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
// Executable whatever npm did at install: `npx atlas-run` runs the file itself, and a build writes it anew.
chmodSync(new URL('dist/bin.js', root), 0o755);
