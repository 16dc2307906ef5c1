import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, packagePath } from '../../src/package-files.js';
import { VERSION } from '../../src/version.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('package files', () => {
  it('finds the package root from the module, whatever its depth', () => {
    expect(`${PACKAGE_ROOT}/`).toBe(ROOT);
    expect(packagePath('schema/workflow.schema.json')).toBe(`${ROOT}schema/workflow.schema.json`);
    expect(VERSION).toBe((JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version);
  });

  it('ships the CLI bundled: dist/bin.js loads its commands from dist/cli-bundle, not the library modules', () => {
    const bin = readFileSync(`${ROOT}dist/bin.js`, 'utf8');
    expect(bin).toMatch(/import\("\.\/cli-bundle\/main-[\w-]+\.js"\)/);
    expect(bin).not.toContain('./cli/main.js');
    // `npx atlas-run` runs the file itself.
    expect(statSync(`${ROOT}dist/bin.js`).mode & 0o111).toBe(0o111);
  });
});
