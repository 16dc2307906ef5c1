import { requireObjectData, resolveEndpoint } from '../api/index.js';
import { redactObject } from '../redact.js';
import type { StepContext, StepMessage, WriteRequest } from '../steps/define-step.js';
import type { RunState } from './run-state.js';

/** Builds what a handler sees for one item: a tagged client, the write gate, memo, messages. */
export function createStepContext(run: RunState, step: string, itemKey: string, vars: Readonly<Record<string, unknown>>): StepContext {
  const { options } = run;
  const client = run.clientFor(step);
  const dryRun = options.dryRun ?? false;
  return {
    stepId: step,
    itemKey,
    client,
    dryRun,
    async write<T>(request: WriteRequest): Promise<T> {
      if (dryRun) {
        const body = request.body === undefined ? undefined : redactObject(request.body);
        const planned = request.planned?.();
        options.recorder?.record({
          step,
          key: itemKey,
          method: request.method,
          path: request.path,
          body: request.body,
          target: request.target,
          ...(request.idempotent ? { idempotent: true } : {}),
          ...(planned === undefined ? {} : { planned }),
        });
        run.report({
          type: 'write-planned',
          step,
          key: itemKey,
          method: request.method,
          path: request.path,
          ...(body === undefined ? {} : { body }),
          target: { kind: request.target.kind, ...(request.target.id ? { id: request.target.id } : {}), ...(request.target.key ? { key: request.target.key } : {}) },
        });
        return (planned ?? {}) as T;
      }
      // No abort signal: a write that is on its way finishes, so its outcome is known. Aborting it
      // mid-flight would leave it possibly applied yet reported as interrupted.
      const response = await client.request<T>(request.method, request.path, {
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(request.idempotent ? { idempotent: true } : {}),
      });
      options.journal?.wrote?.({ step, key: itemKey, method: request.method, path: request.path, target: request.target, ...createdId(request, response.data) });
      if (request.answersObject) return requireObjectData(response, { method: request.method, path: resolveEndpoint(request.path, new URL(client.baseUrl)).path });
      return response.data;
    },
    memo: (key, load) => run.memo(key, load),
    forget: (key) => run.forget(key),
    say(message: StepMessage): void {
      if (message.kind === 'print') {
        run.report({ type: 'print', step, text: message.text, ...(message.segments ? { segments: message.segments } : {}), ...(message.level ? { level: message.level } : {}) });
      }
      else run.report({ type: 'message', step, level: message.kind === 'warning' ? 'warning' : 'info', message: message.message });
    },
    signal: options.signal ?? new AbortController().signal,
    env: options.env ?? {},
    vars,
    files: options.files,
    now: () => run.now(),
    sleep: (ms) => run.sleep(ms),
  };
}

/** The id a create answered with: a POST to a collection (no target id) whose answer has an id. */
function createdId(request: WriteRequest, data: unknown): { createdId?: string } {
  if (request.method !== 'POST' || request.target.id !== undefined) return {};
  const id = data && typeof data === 'object' ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { createdId: id } : {};
}
