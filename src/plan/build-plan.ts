import type { RecordedWrite } from '../engine/engine-options.js';
import { isPlanned } from '../steps/resource-ref.js';
import { fingerprint } from './object-fingerprint.js';
import { orderWrites } from './order-writes.js';
import { plannedIdsIn } from './planned-ids.js';
import type { ChangeKind, PlannedWrite } from './plan-types.js';
import { toSecretRefs } from './secret-refs.js';

export interface BuildWritesOptions {
  /** Secret value → the environment variable apply reads it from. */
  secrets: ReadonlyMap<string, string>;
  /** Masks secrets in what is only shown (`before`, `changes`). */
  redact: <T>(value: T) => T;
}

/**
 * Turns the writes a dry run recorded into plan entries: secrets become references, objects read
 * before a write get a checksum for apply's drift check, planned ids are linked to the creates that
 * make them, and the order puts every write after what it depends on. `problems` say what would
 * keep the plan from being applied (a literal secret, a planned id nothing creates).
 */
export function buildWrites(recorded: readonly RecordedWrite[], options: BuildWritesOptions): { writes: PlannedWrite[]; problems: string[] } {
  const problems: string[] = [];
  const known = new Set(recorded.map(createsOf).filter((id): id is string => id !== undefined));
  const entries = recorded.map((write) => toEntry(write, known, options, problems));
  const writes = orderWrites(entries).map((write, index) => ({ ...write, seq: index + 1 }));
  return { writes, problems };
}

function toEntry(write: RecordedWrite, known: ReadonlySet<string>, options: BuildWritesOptions, problems: string[]): PlannedWrite {
  const where = `step ${write.step}${write.key === '-' ? '' : ` [${write.key}]`} (${write.method} ${write.path})`;
  const creates = createsOf(write);
  const body = write.body === undefined ? undefined : toSecretRefs(write.body, options.secrets);
  for (const path of body?.masked ?? []) problems.push(`${where}: ${path} holds a secret typed into the workflow; pass it with secret('NAME') so the plan keeps a reference, not the value`);
  const refs = plannedIdsIn({ path: write.path, body: write.body, id: write.target.id, key: write.target.key }, known);
  for (const text of refs.unknown) problems.push(`${where}: refers to '${text}', which no write of this plan creates`);
  const needs = refs.ids.filter((id) => id !== creates);
  const { target } = write;
  const checkable = target.before !== undefined && target.id !== undefined && !isPlanned(target.id);
  const before = target.before === undefined ? undefined : options.redact(target.before);
  return {
    seq: 0,
    step: write.step,
    key: write.key,
    change: changeOf(write, creates),
    method: write.method as PlannedWrite['method'],
    path: write.path,
    ...(body ? { body: body.value } : {}),
    ...(target.changes === undefined ? {} : { changes: options.redact(target.changes) }),
    target: {
      kind: target.kind,
      ...(target.id === undefined ? {} : { id: target.id }),
      ...(target.key === undefined ? {} : { key: target.key }),
      ...(before === undefined ? {} : { before }),
      // The checksum is of the object itself, on the masked shape apply will project a fresh read onto.
      ...(checkable ? { checksum: fingerprint(target.before, before) } : {}),
    },
    ...(write.idempotent ? { idempotent: true } : {}),
    ...(creates ? { creates } : {}),
    ...(needs.length > 0 ? { needs } : {}),
  };
}

/** The planned id a create's dry-run answer carries. */
function createsOf(write: RecordedWrite): string | undefined {
  const id = write.planned && typeof write.planned === 'object' ? (write.planned as { id?: unknown }).id : undefined;
  return typeof id === 'string' && isPlanned(id) ? id : undefined;
}

function changeOf(write: RecordedWrite, creates: string | undefined): ChangeKind {
  if (write.method === 'DELETE') return 'delete';
  if (creates !== undefined || (write.method === 'POST' && write.target.id === undefined && write.target.key !== undefined)) return 'create';
  if (write.method === 'PATCH' || write.method === 'PUT') return 'update';
  return 'action';
}
