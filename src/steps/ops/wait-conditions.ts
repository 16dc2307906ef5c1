/**
 * What `wait` can wait for: each is a fresh read, a decision on what was read, and a description of
 * it for the timeout message. Reads never go through the run memo: the point is to see change.
 */
import { getConnection } from '../../api/index.js';
import type { Connection, StatusNote } from '../../api/index.js';
import { StepError } from '../../errors.js';
import type { Evaluator, StepContext } from '../define-step.js';
import { isAtOrAfter } from './trigger-time.js';

export interface Watch {
  read(): Promise<unknown>;
  /** The result once done; undefined to keep waiting. */
  check(value: unknown): string | undefined;
  describe(value: unknown): string;
}

function readConnection(ctx: StepContext, id: string): () => Promise<Connection> {
  return () => ctx.client.get<Connection>(getConnection(id).path, undefined, { signal: ctx.signal });
}

function notes(connection: Connection): string {
  const all: StatusNote[] = [...(connection.status?.tasks ?? []), ...(connection.status?.warnings ?? [])];
  return all.length ? ` (${all.map((n) => n.message || n.code).join(', ')})` : '';
}

/**
 * The sync triggered at `since` is over when `succeeded_at` or `failed_at` reaches it — not when
 * `sync_state` stops being `syncing`, which is also true before the sync has started.
 */
export function syncFinished(ctx: StepContext, id: string, since: number, allowFailure: boolean): Watch {
  const sinceText = new Date(since).toISOString();
  return {
    read: readConnection(ctx, id),
    check(value) {
      const connection = value as Connection;
      const succeeded = isAtOrAfter(connection.succeeded_at, since);
      const failed = isAtOrAfter(connection.failed_at, since);
      const failedLast = failed && (!succeeded || Date.parse(connection.failed_at!) > Date.parse(connection.succeeded_at!));
      if (failedLast) {
        if (allowFailure) return 'failed';
        throw new StepError(`sync of connection ${id} failed at ${connection.failed_at}${notes(connection)}`);
      }
      if (succeeded) return 'succeeded';
      if (connection.paused) throw new StepError(`connection ${id} is paused: no sync will finish until it is resumed`);
      return undefined;
    },
    describe(value) {
      const c = value as Connection;
      return `sync of connection ${id} triggered at ${sinceText} has not finished (sync_state ${c.status?.sync_state}, succeeded_at ${c.succeeded_at ?? 'never'}, failed_at ${c.failed_at ?? 'never'})`;
    },
  };
}

/** Setup is done when `setup_state` is `connected`; `broken` will not mend by itself, so it ends the wait. */
export function setupConnected(ctx: StepContext, id: string, allowFailure: boolean): Watch {
  return {
    read: readConnection(ctx, id),
    check(value) {
      const connection = value as Connection;
      const state = connection.status?.setup_state;
      if (state === 'connected') return 'connected';
      if (state === 'broken') {
        if (allowFailure) return 'broken';
        throw new StepError(`setup of connection ${id} is broken${notes(connection)}: run a test step (approving certificates if asked) to repair it`);
      }
      return undefined;
    },
    describe: (value) => `connection ${id} is still ${(value as Connection).status?.setup_state ?? 'without a setup state'}`,
  };
}

/** Any GET endpoint, until an expression over its answer is true; the answer is bound as `item` (the name the loader lets expression inputs use). */
export function condition(ctx: StepContext, path: string, until: Evaluator): Watch {
  return {
    read: () => ctx.client.get(path, undefined, { signal: ctx.signal }),
    check: (value) => (until({ item: value }) === true ? 'met' : undefined),
    describe: () => `the condition on GET ${path} still does not hold`,
  };
}
