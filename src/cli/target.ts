import { credentialsFromEnv } from '../api/credentials.js';
import type { CliIO } from './io.js';

/** Where requests go, as every command that talks to an API needs to know. */
export interface Target {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** For people: `api.fivetran.com`, `sandbox (http://127.0.0.1:40123/v1)`… Never holds a credential. */
  label: string;
  /** Set when an in-process sandbox was started; stop it when done. */
  sandbox?: { stop(): Promise<void> };
}

export interface TargetFlags {
  /** Start an in-process sandbox instead of using FIVETRAN_* credentials. */
  sandbox?: boolean;
}

/**
 * FIVETRAN_API_KEY / FIVETRAN_API_SECRET / FIVETRAN_API_URL, or with `--sandbox` a fresh in-process
 * sandbox (loaded only then, so other commands do not pay for it). Missing credentials are a UsageError.
 */
export async function resolveTarget(flags: TargetFlags, io: CliIO): Promise<Target> {
  if (flags.sandbox) {
    const { startSandbox } = await import('../sandbox/index.js');
    const sandbox = await startSandbox();
    return {
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      apiSecret: sandbox.apiSecret,
      label: `sandbox (${sandbox.url})`,
      sandbox: { stop: () => sandbox.stop() },
    };
  }
  const credentials = credentialsFromEnv(io.env);
  const url = new URL(credentials.baseUrl);
  return { ...credentials, label: url.hostname === 'api.fivetran.com' ? url.host : url.href.replace(/\/+$/, '') };
}
