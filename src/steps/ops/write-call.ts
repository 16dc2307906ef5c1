import type { ApiCall } from '../../api/index.js';
import type { StepContext, WriteRequest, WriteTarget } from '../define-step.js';

/**
 * Sends a described write (an endpoint builder's call) through the step's write gate, so dry runs
 * and plans record it instead. Resolves to the answer's data, or undefined when it was only recorded.
 */
export async function writeCall<T>(ctx: StepContext, call: ApiCall<T>, target: WriteTarget): Promise<T | undefined> {
  if (call.method === 'GET') throw new TypeError(`writeCall: ${call.path} is a read`);
  const request: WriteRequest = {
    method: call.method,
    path: call.path,
    target,
    ...(call.body === undefined ? {} : { body: call.body }),
    ...(call.idempotent ? { idempotent: true } : {}),
  };
  const answer = await ctx.write<T>(request);
  return ctx.dryRun ? undefined : answer;
}
