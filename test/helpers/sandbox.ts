import { afterAll, beforeAll } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxOptions, SandboxStats } from '../../src/sandbox/index.js';
import type { StateSnapshot } from '../../src/sandbox/state/types.js';

/** What `useSandbox` hands a test file; readable once `beforeAll` has run. */
export interface SandboxFixture {
  /** `http://127.0.0.1:PORT/v1` */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, where `/__sandbox/*` lives. */
  readonly origin: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** `Basic …` header value for the sandbox's key and secret. */
  readonly authorization: string;
  stats(): SandboxStats;
  state(): StateSnapshot;
  reset(): void;
  /** The underlying handle, e.g. to stop it early. */
  readonly handle: SandboxHandle;
}

/**
 * Starts a sandbox before the tests of the calling file and stops it after them.
 *
 * @example const sandbox = useSandbox({ syncDurationMs: 20 }); … fetch(`${sandbox.url}/groups`, …)
 */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
  let handle: SandboxHandle | undefined;
  const started = (): SandboxHandle => {
    if (!handle) throw new Error('useSandbox: the sandbox is not started yet (use it inside tests or hooks)');
    return handle;
  };
  beforeAll(async () => {
    handle = await startSandbox(options);
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return {
    get url() {
      return started().url;
    },
    get origin() {
      return started().origin;
    },
    get apiKey() {
      return started().apiKey;
    },
    get apiSecret() {
      return started().apiSecret;
    },
    get authorization() {
      const h = started();
      return `Basic ${Buffer.from(`${h.apiKey}:${h.apiSecret}`).toString('base64')}`;
    },
    get handle() {
      return started();
    },
    stats: () => started().stats(),
    state: () => started().state(),
    reset: () => started().reset(),
  };
}
