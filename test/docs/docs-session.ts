import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/docs/docs-session.ts). */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A stand-in for a reader's terminal in a project that installed atlas-run: a temporary folder with
 * a copy of workflows/, examples/ and the package itself under node_modules/, `atlas-run` and `npx`
 * on PATH (both offline: `npx NAME` runs the repository's own node_modules/.bin/NAME), and one shell
 * state carried from command to command — `export`, `cd` and assignments persist as they would.
 */
export class DocsSession {
  readonly dir: string;
  env: Record<string, string>;
  cwd: string;

  constructor(env: Record<string, string>) {
    this.dir = mkdtempSync(join(tmpdir(), 'atlas-docs-'));
    this.cwd = this.dir;
    cpSync(join(REPO, 'workflows'), join(this.dir, 'workflows'), { recursive: true });
    symlinkSync(join(REPO, 'examples'), join(this.dir, 'examples'));
    mkdirSync(join(this.dir, 'node_modules'));
    symlinkSync(REPO, join(this.dir, 'node_modules', 'atlas-run'));
    writeFileSync(join(this.dir, 'package.json'), '{ "name": "docs-session", "private": true, "type": "module" }\n');
    const bin = join(this.dir, '.bin');
    mkdirSync(bin);
    shim(join(bin, 'atlas-run'), `exec "${process.execPath}" "${join(REPO, 'dist', 'bin.js')}" "$@"`);
    shim(
      join(bin, 'npx'),
      `name="$1"; shift
if [ "$name" = atlas-run ]; then exec "${join(bin, 'atlas-run')}" "$@"; fi
if [ -x "${join(REPO, 'node_modules', '.bin')}/$name" ]; then exec "${join(REPO, 'node_modules', '.bin')}/$name" "$@"; fi
echo "npx $name: not available in the docs session (no registry access)" >&2; exit 127`,
    );
    const inherited: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(FIVETRAN_|ATLAS_|FORCE_COLOR$|NODE_OPTIONS$|VITEST)/.test(key)) inherited[key] = value;
    }
    this.env = { ...inherited, NO_COLOR: '1', ATLAS_JOURNAL_DIR: join(this.dir, '.journal'), ...env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  }

  /** Writes a file into the session folder (e.g. a workflow shown in the docs). */
  write(name: string, text: string): void {
    writeFileSync(join(this.dir, name), text);
  }

  /** Runs one command line in bash with the session's state, and keeps the state it leaves. */
  run(command: string, timeoutMs = 60_000): Promise<CommandResult> {
    const state = join(this.dir, '.shell-state');
    // `set -a` exports plain assignments too; the state is saved whatever the command's exit code.
    const script = `set -a\ncd "$ATLAS_DOCS_CWD" || exit 97\n${command}\n__rc=$?\n{ pwd; env -0; } > "${state}"\nexit $__rc\n`;
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', script], { env: { ...this.env, ATLAS_DOCS_CWD: this.cwd }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        this.restore(state);
        resolve({ code, stdout, stderr });
      });
    });
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private restore(stateFile: string): void {
    let text: string;
    try {
      text = readFileSync(stateFile, 'utf8');
    } catch {
      return; // the command ended the shell (exit): nothing to carry over
    }
    const newline = text.indexOf('\n');
    this.cwd = text.slice(0, newline);
    const env: Record<string, string> = {};
    for (const entry of text.slice(newline + 1).split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    for (const name of ['_', 'PWD', 'OLDPWD', 'SHLVL', 'ATLAS_DOCS_CWD', '__rc']) delete env[name];
    this.env = env;
  }
}

function shim(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}
