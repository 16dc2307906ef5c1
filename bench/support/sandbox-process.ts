import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SandboxOptions, SandboxStats } from '../../src/sandbox/index.js';

/** A sandbox running in its own process, so its work does not share the event loop with the client measured. */
export interface SandboxProcess {
  /** `http://127.0.0.1:PORT/v1` */
  url: string;
  /** Where `/__sandbox/*` lives. */
  origin: string;
  apiKey: string;
  apiSecret: string;
  /** The sandbox's counters (`GET /__sandbox/stats`). */
  stats(): Promise<SandboxStats>;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./sandbox-child.mjs', import.meta.url));

/** Forks the built sandbox (dist/: call `ensureBuilt()` first) with these options. */
export function startSandboxProcess(options: SandboxOptions): Promise<SandboxProcess> {
  const child = fork(CHILD, [JSON.stringify(options)], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code} before it was ready`)));
    child.once('message', (message) => {
      const address = message as Pick<SandboxProcess, 'url' | 'origin' | 'apiKey' | 'apiSecret'>;
      resolve({
        ...address,
        async stats() {
          const response = await fetch(`${address.origin}/__sandbox/stats`);
          return (await response.json()) as SandboxStats;
        },
        async stop() {
          if (child.exitCode === null) child.send('stop');
          await exited;
        },
      });
    });
  });
}

/** `after` minus `before` for the counters a benchmark reads. */
export function statsDelta(before: SandboxStats, after: SandboxStats): { requests: number; writes: number; rateLimited: number; byMethod: Record<string, number> } {
  const byMethod: Record<string, number> = {};
  for (const [method, count] of Object.entries(after.requests.byMethod)) {
    const delta = count - (before.requests.byMethod[method] ?? 0);
    if (delta > 0) byMethod[method] = delta;
  }
  return {
    requests: after.requests.total - before.requests.total,
    writes: after.writes.total - before.writes.total,
    rateLimited: after.rateLimited - before.rateLimited,
    byMethod,
  };
}
