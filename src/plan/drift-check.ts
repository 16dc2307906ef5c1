import pLimit from 'p-limit';
import type { ApiClient } from '../api/index.js';
import { getSchemaConfig } from '../api/index.js';
import { ApiError } from '../errors.js';
import { redactObject } from '../redact.js';
import { NATURAL_KEY } from '../steps/resources/indexes.js';
import { KINDS, WRITABLE_KINDS } from '../steps/resources/kinds.js';
import type { WritableKind } from '../steps/resources/kinds.js';
import { isPlanned } from '../steps/resource-ref.js';
import { differences, fingerprint, project } from './object-fingerprint.js';
import type { PlannedWrite } from './plan-types.js';

/** An object that is not as the plan saw it. */
export interface DriftFinding {
  /** `connection abc`, `connection <group>/<schema>`. */
  object: string;
  /** Plan entries that touch it. */
  seqs: number[];
  reason: 'changed' | 'gone' | 'exists';
  /** Field-level differences of a changed object (masked). */
  fields?: { path: string; before: unknown; now: unknown }[];
  message: string;
}

export interface DriftReport {
  findings: DriftFinding[];
  /** Objects read back and compared. */
  checked: number;
  /** Writes whose object cannot be read back (e.g. an action on an unknown kind): sent unchecked. */
  unchecked: number[];
}

/** Reads in flight while checking; a plan of 500 objects should not take 500 round trips in a row. */
const CHECK_CONCURRENCY = 8;

/**
 * Reads back every object the plan will change and compares it with what was read at plan time:
 * an update's or delete's object must still exist with the same checksum (status fields aside), and
 * a create's natural key must still be free. Plan-time reads are what the plan's diffs were made from.
 */
export async function checkDrift(writes: readonly PlannedWrite[], client: ApiClient): Promise<DriftReport> {
  const limit = pLimit(CHECK_CONCURRENCY);
  const findings: DriftFinding[] = [];
  const unchecked: number[] = [];
  let checked = 0;
  const objects = new Map<string, PlannedWrite[]>();
  for (const write of writes) {
    const { target } = write;
    if (target.checksum === undefined || target.id === undefined || isPlanned(target.id)) continue;
    const id = `${target.kind}\u0000${target.id}`;
    objects.set(id, [...(objects.get(id) ?? []), write]);
  }
  const checks = [...objects.values()].map((touching) =>
    limit(async () => {
      // The first write's `before` is the live object; later ones may describe it as the plan left it.
      const first = touching[0]!;
      const path = readPath(first);
      if (path === undefined) {
        unchecked.push(...touching.map((w) => w.seq));
        return;
      }
      checked += 1;
      const finding = await compare(client, path, first, touching.map((w) => w.seq));
      if (finding) findings.push(finding);
    }),
  );
  const creates = writes.filter((w) => w.change === 'create' && w.target.key !== undefined && !w.target.key.includes('planned:') && isWritable(w.target.kind));
  // Awaited together: a failing lookup must not leave the object checks' rejections unhandled.
  const [taken] = await Promise.all([takenKeys(creates, client, limit), Promise.all(checks)]);
  for (const write of creates) {
    const existing = taken.get(naturalId(write));
    if (existing !== undefined) {
      const object = `${write.target.kind} ${write.target.key}`;
      findings.push({ object, seqs: [write.seq], reason: 'exists', message: `${object} exists now (id ${existing}); the plan would create it` });
    }
  }
  findings.sort((a, b) => a.seqs[0]! - b.seqs[0]!);
  return { findings, checked: checked + creates.length, unchecked: unchecked.sort((a, b) => a - b) };
}

async function compare(client: ApiClient, path: string, write: PlannedWrite, seqs: number[]): Promise<DriftFinding | undefined> {
  const object = `${write.target.kind} ${write.target.id}`;
  let current: unknown;
  try {
    current = await client.get(path);
  } catch (error) {
    if (error instanceof ApiError && error.isNotFound) return { object, seqs, reason: 'gone', message: `${object} no longer exists` };
    throw error;
  }
  const shape = write.target.before;
  if (fingerprint(current, shape) === write.target.checksum) return undefined;
  const fields = differences(project(shape, shape), project(redactObject(current), shape));
  const list = fields.length > 0 ? fields.map((f) => f.path).join(', ') : 'masked fields';
  return { object, seqs, reason: 'changed', fields, message: `${object} changed since the plan: ${list}` };
}

/** Where to read back the object a write touches, or undefined when there is no telling. */
function readPath(write: PlannedWrite): string | undefined {
  const { kind, id } = write.target;
  if (isWritable(kind)) return KINDS[kind].get(id!).path;
  if (kind === 'schema' || kind === 'schema_config' || kind === 'schema-config') return getSchemaConfig(id!).path;
  // An update or delete addresses the object itself: reading the same path gives it back.
  if (write.method === 'PATCH' || write.method === 'PUT' || write.method === 'DELETE') return write.path;
  return undefined;
}

/** Natural keys (as `kind\0key`) of the plan's creates that exist now, mapped to the existing object's id. */
async function takenKeys(creates: readonly PlannedWrite[], client: ApiClient, limit: ReturnType<typeof pLimit>): Promise<Map<string, string>> {
  const lists = new Map<string, { kind: WritableKind; path: string; groupId?: string }>();
  for (const write of creates) {
    const kind = write.target.kind as WritableKind;
    if (kind === 'destination') continue;
    const groupId = kind === 'connection' ? splitConnectionKey(write.target.key!).groupId : undefined;
    const path = kind === 'connection' ? `groups/${encodeURIComponent(groupId!)}/connections` : KINDS[kind].collection;
    lists.set(`${kind}\u0000${path}`, { kind, path, ...(groupId ? { groupId } : {}) });
  }
  const taken = new Map<string, string>();
  const reads = [...lists.values()].map(({ kind, path, groupId }) =>
    limit(async () => {
      try {
        for await (const object of client.paginate<Record<string, unknown>>(path)) {
          const key = NATURAL_KEY[kind](object);
          if (key !== undefined) taken.set(`${kind}\u0000${groupId === undefined ? key : `${groupId}/${key}`}`, String(object.id));
        }
      } catch (error) {
        // A group the plan creates itself (or one deleted since) has nothing to collide with.
        if (!(error instanceof ApiError && error.isNotFound)) throw error;
      }
    }),
  );
  const destinations = creates
    .filter((w) => w.target.kind === 'destination')
    .map((write) =>
      limit(async () => {
        try {
          const existing = await client.get<{ id: string }>(KINDS.destination.get(write.target.key!).path);
          taken.set(naturalId(write), existing.id);
        } catch (error) {
          if (!(error instanceof ApiError && error.isNotFound)) throw error;
        }
      }),
    );
  await Promise.all([...reads, ...destinations]);
  return taken;
}

function naturalId(write: PlannedWrite): string {
  const key = write.target.key!;
  return `${write.target.kind}\u0000${write.target.kind === 'user' ? key.toLowerCase() : key}`;
}

/** A connection's natural key is `<group id>/<schema name>`; group ids hold no `/`. */
export function splitConnectionKey(key: string): { groupId: string; name: string } {
  const slash = key.indexOf('/');
  return { groupId: key.slice(0, slash), name: key.slice(slash + 1) };
}

export function isWritable(kind: string): kind is WritableKind {
  return (WRITABLE_KINDS as readonly string[]).includes(kind);
}
