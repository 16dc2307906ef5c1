import type { ApiClient } from '../api/index.js';
import { ApiError, AtlasError, mayHaveBeenApplied } from '../errors.js';
import { lookupFresh } from '../steps/resources/indexes.js';
import type { WritableKind } from '../steps/resources/kinds.js';
import { checkDrift, isWritable, splitConnectionKey } from './drift-check.js';
import type { DriftReport } from './drift-check.js';
import { substitutePlannedIds } from './planned-ids.js';
import type { PlanFile, PlannedWrite } from './plan-types.js';
import { resolveSecretRefs } from './secret-refs.js';

export interface ApplyOptions {
  client: ApiClient;
  /** Where secret references are read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** Send even when objects drifted since the plan. */
  force?: boolean;
  /** Stops before the next write; the write on its way finishes, so its outcome is known. */
  signal?: AbortSignal;
  /** Told the drift report before anything is sent. */
  onDrift?(report: DriftReport): void;
  /** Told each write's outcome as it happens. */
  onWrite?(outcome: WriteOutcome): void;
}

/**
 * `sent`/`created`: answered 2xx; `reconciled`: the answer was lost and the object was found as
 * intended; `exists`: a create found its natural key taken (409) and adopted that object;
 * `gone`: a delete found nothing left to delete.
 */
export interface WriteOutcome {
  write: PlannedWrite;
  result: 'sent' | 'created' | 'reconciled' | 'exists' | 'gone';
  /** The id a create made or adopted. */
  id?: string;
}

export interface ApplyResult {
  /** `refused`: drift found and not forced (nothing sent). */
  status: 'ok' | 'refused' | 'failed' | 'interrupted';
  drift: DriftReport;
  outcomes: WriteOutcome[];
  failure?: { write: PlannedWrite; error: string };
  /** Writes not sent because of a failure or an interruption. */
  notSent: number;
  /** planned id → the real id it became. */
  ids: Record<string, string>;
}

/**
 * Sends a plan's writes in order: first the drift check (refuse unless `force`), then each write with
 * planned ids replaced by the ids their creates answered with and secret references filled from the
 * environment. A failure stops the apply; a write that may have been applied is reconciled (looked
 * up, or re-sent once only when that is harmless), never blindly re-sent.
 */
export async function applyPlan(plan: PlanFile, options: ApplyOptions): Promise<ApplyResult> {
  const { client } = options;
  const drift = await checkDrift(plan.writes, client);
  options.onDrift?.(drift);
  const base = { drift, ids: {} as Record<string, string> };
  if (drift.findings.length > 0 && !options.force) return { ...base, status: 'refused', outcomes: [], notSent: plan.writes.length };
  const realIds = new Map<string, string>();
  const outcomes: WriteOutcome[] = [];
  for (const [index, write] of plan.writes.entries()) {
    const ids = Object.fromEntries(realIds);
    if (options.signal?.aborted) return { ...base, ids, status: 'interrupted', outcomes, notSent: plan.writes.length - index };
    let outcome: WriteOutcome;
    try {
      outcome = await sendWrite(write, realIds, options);
    } catch (error) {
      return { ...base, ids, status: 'failed', outcomes, failure: { write, error: error instanceof Error ? error.message : String(error) }, notSent: plan.writes.length - index - 1 };
    }
    if (write.creates && outcome.id !== undefined) realIds.set(write.creates, outcome.id);
    outcomes.push(outcome);
    options.onWrite?.(outcome);
  }
  return { ...base, ids: Object.fromEntries(realIds), status: 'ok', outcomes, notSent: 0 };
}

async function sendWrite(write: PlannedWrite, realIds: ReadonlyMap<string, string>, options: ApplyOptions): Promise<WriteOutcome> {
  const path = substitutePlannedIds(write.path, realIds);
  const resolved = write.body === undefined ? undefined : resolveSecretRefs(substitutePlannedIds(write.body, realIds), options.env).value;
  const send = async (): Promise<WriteOutcome> => {
    const response = await options.client.request(write.method, path, {
      ...(resolved === undefined ? {} : { body: resolved }),
      ...(write.idempotent ? { idempotent: true } : {}),
    });
    const id = idOf(response.data);
    return { write, result: write.change === 'create' ? 'created' : 'sent', ...(id !== undefined && write.change === 'create' ? { id } : {}) };
  };
  try {
    return await send();
  } catch (error) {
    return reconcile(write, error, { path, send, realIds, client: options.client });
  }
}

interface RetryContext {
  path: string;
  send: () => Promise<WriteOutcome>;
  realIds: ReadonlyMap<string, string>;
  client: ApiClient;
}

/** What to do after a failed write: settle it by looking, re-send once when harmless, or give up. */
async function reconcile(write: PlannedWrite, error: unknown, context: RetryContext): Promise<WriteOutcome> {
  const conflict = error instanceof ApiError && error.status === 409;
  const ambiguous = mayHaveBeenApplied(error);
  if (write.change === 'create' && (conflict || ambiguous)) {
    // Without a natural-key lookup for this kind there is no telling whether it exists: never re-send.
    if (!canLookUp(write)) throw ambiguous ? notResent(error) : error;
    const found = await findCreated(write, context);
    if (found !== undefined) return { write, result: conflict ? 'exists' : 'reconciled', id: found };
    if (conflict) throw error;
    return context.send();
  }
  if (write.method === 'DELETE') {
    if (error instanceof ApiError && error.isNotFound) return { write, result: 'gone' };
    if (!ambiguous) throw error;
    if (await isGone(context)) return { write, result: 'reconciled' };
    return context.send();
  }
  // An update sets the same values again; an idempotent action (a setup test, a reload) may repeat.
  if (ambiguous && (write.method === 'PATCH' || write.method === 'PUT' || write.idempotent)) return context.send();
  if (ambiguous) throw notResent(error);
  throw error;
}

function notResent(error: unknown): AtlasError {
  return new AtlasError(`${error instanceof Error ? error.message : String(error)}; it may have been applied, so it was not sent again: check before applying the rest`, { cause: error });
}

function canLookUp(write: PlannedWrite): boolean {
  return isWritable(write.target.kind) && write.target.key !== undefined;
}

/** The id of the object a create made, found by its natural key with a fresh read (see `canLookUp`). */
async function findCreated(write: PlannedWrite, context: RetryContext): Promise<string | undefined> {
  const kind = write.target.kind as WritableKind;
  const key = substitutePlannedIds(write.target.key!, context.realIds);
  const { groupId, name } = kind === 'connection' ? splitConnectionKey(key) : { groupId: undefined, name: key };
  const found = await lookupFresh(context.client, kind, name, groupId);
  return found === undefined ? undefined : String(found.id);
}

async function isGone(context: RetryContext): Promise<boolean> {
  try {
    await context.client.get(context.path);
    return false;
  } catch (error) {
    if (error instanceof ApiError && error.isNotFound) return true;
    throw error;
  }
}

function idOf(data: unknown): string | undefined {
  const id = data && typeof data === 'object' ? (data as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
