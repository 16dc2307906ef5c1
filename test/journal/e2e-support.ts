import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import type { SandboxFixture } from '../helpers/sandbox.js';

/** Items the end-to-end migrations move. */
export const MIGRATION_SIZE = 500;

/**
 * The migration the end-to-end tests run: create the target group, list the source group, copy each
 * connection into the target (secrets from the environment). S3 copies are left out: their masked
 * `role_arn` would need a secret of its own. Items are keyed by the source connection id.
 */
export const MIGRATION = `name: migrate
vars:
  source_group: team_00001
  target_group: migrated
steps:
  - id: target
    create: group
    with: { name: "\${{ vars.target_group }}" }
  - id: source
    list: connections
    with: { group: "\${{ vars.source_group }}" }
    where: item.service != 's3'
  - id: copy
    foreach: \${{ steps.source.items }}
    key: \${{ item.id }}
    concurrency: 8
    create: connection
    with:
      group: \${{ steps.target.id }}
      from: \${{ item }}
      secrets: { password: "\${{ secret('DB_PASSWORD') }}" }
`;

/**
 * Sandbox options that put every connection in one group (`team_00001`): generated services rotate
 * through ten, one of them s3, so 555 connections hold exactly 500 to migrate.
 */
export const MIGRATION_SANDBOX = { data: 'empty', connections: 555, rateLimit: false, latencyMs: 0 } as const;

/** A fresh directory holding migrate.yml; journals go to `<dir>/runs`. */
export function migrationDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
  writeFileSync(join(dir, 'migrate.yml'), MIGRATION);
  return dir;
}

/** The environment that points the CLI at a test sandbox, with the journal in `dir`. */
export function cliEnv(sandbox: SandboxFixture, dir: string): Record<string, string> {
  return {
    FIVETRAN_API_URL: sandbox.url,
    FIVETRAN_API_KEY: sandbox.apiKey,
    FIVETRAN_API_SECRET: sandbox.apiSecret,
    ATLAS_JOURNAL_DIR: join(dir, 'runs'),
    DB_PASSWORD: 'db-secret-e2e',
  };
}

/**
 * Spawns the built CLI with `--json` added, handing each event to `onEvent`; `onEvent` returning
 * true kills the process with SIGKILL at once (no cleanup, no end record: what `kill -9` does).
 */
export function spawnCli(args: readonly string[], options: { env: Record<string, string>; cwd: string; onEvent?: (event: Record<string, unknown>) => boolean | void }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--json'], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (killed || !line.startsWith('{')) continue;
        if (options.onEvent?.(JSON.parse(line) as Record<string, unknown>) === true) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** What the sandbox holds after a migration, for exactly-once assertions. */
export function migrationState(sandbox: SandboxFixture): { targetGroups: number; copies: string[]; sources: string[] } {
  const state = sandbox.state();
  const targets = state.groups.filter((g) => g.name === 'migrated');
  const source = state.groups.find((g) => g.name === 'team_00001')!;
  const sources = state.connections
    .filter((c) => c.group_id === source.id && c.service !== 's3')
    .map((c) => c.schema);
  const copies = state.connections.filter((c) => targets.some((t) => t.id === c.group_id)).map((c) => c.schema);
  return { targetGroups: targets.length, copies, sources };
}
