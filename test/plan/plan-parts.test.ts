import { describe, expect, it } from 'vitest';
import type { RecordedWrite } from '../../src/engine/engine-options.js';
import { buildWrites } from '../../src/plan/build-plan.js';
import { differences, fingerprint, project } from '../../src/plan/object-fingerprint.js';
import { orderWrites } from '../../src/plan/order-writes.js';
import { plannedIdsIn, substitutePlannedIds } from '../../src/plan/planned-ids.js';
import { redactObject } from '../../src/redact.js';

const G = 'planned:group:grp';
const C = 'planned:connection:copy[a b]';

describe('planned ids', () => {
  it('finds known planned ids raw and URL-encoded, and reports unknown ones', () => {
    const known = new Set([G, C]);
    const found = plannedIdsIn({ path: `connections/${encodeURIComponent(C)}/schemas`, body: { group_id: G }, other: 'planned:team:nobody' }, known);
    expect(found.ids.sort()).toEqual([C, G].sort());
    expect(found.unknown).toEqual(['planned:team:nobody']);
  });

  it('substitutes real ids in the form each occurrence had', () => {
    const real = new Map([
      [G, 'grp_1'],
      [C, 'con/1'],
    ]);
    expect(substitutePlannedIds({ path: `connections/${encodeURIComponent(C)}/sync`, body: { group_id: G, list: [C] }, n: 3 }, real)).toEqual({
      path: 'connections/con%2F1/sync',
      body: { group_id: 'grp_1', list: ['con/1'] },
      n: 3,
    });
  });
});

describe('orderWrites', () => {
  const w = (step: string, key: string, extra: { creates?: string; needs?: string[] } = {}) => ({ step, key, ...extra });

  it('puts a write after the create it depends on, keeping each item in order', () => {
    const writes = [w('schema', 'x', { needs: ['p1'] }), w('schema', 'x'), w('other', 'y'), w('copy', 'x', { creates: 'p1' }), w('sync', 'x', { needs: ['p1'] })];
    const ordered = orderWrites(writes);
    expect(ordered.map((o) => `${o.step}:${o.key}`)).toEqual(['other:y', 'copy:x', 'schema:x', 'schema:x', 'sync:x']);
    expect(ordered[2]!.needs).toEqual(['p1']);
  });

  it('keeps recorded order when nothing depends on anything', () => {
    const writes = [w('a', '1'), w('b', '2', { creates: 'p' }), w('c', '3', { needs: ['p'] })];
    expect(orderWrites(writes)).toEqual(writes);
  });

  it('does not hold back writes whose planned id no write creates', () => {
    const writes = [w('a', '1', { needs: ['nobody'] }), w('b', '2')];
    expect(orderWrites(writes)).toEqual(writes);
  });
});

describe('object fingerprint', () => {
  const before = { id: 'c1', paused: false, config: { schema: 's', password: '******' }, status: { sync_state: 'scheduled' }, succeeded_at: 't1' };

  it('ignores fields the plan never saw and status fields that move by themselves', () => {
    const later = { ...before, status: { sync_state: 'syncing' }, succeeded_at: 't2', created_at: 'x', config: { ...before.config, extra: 1 } };
    expect(fingerprint(later, before)).toBe(fingerprint(before, before));
  });

  it('notices a changed setting and names it', () => {
    const later = { ...before, paused: true };
    expect(fingerprint(later, before)).not.toBe(fingerprint(before, before));
    expect(differences(project(before, before), project(later, before))).toEqual([{ path: 'paused', before: false, now: true }]);
  });

  it('notices a field that disappeared', () => {
    const { paused: _paused, ...without } = before;
    expect(fingerprint(without, before)).not.toBe(fingerprint(before, before));
  });
});

describe('buildWrites', () => {
  const redact = <T>(v: T): T => redactObject(v);
  const recorded: RecordedWrite[] = [
    { step: 'grp', key: '-', method: 'POST', path: 'groups', body: { name: 'ops' }, target: { kind: 'group', key: 'ops' }, planned: { id: G, name: 'ops' } },
    { step: 'pause', key: 'c9', method: 'PATCH', path: 'connections/c9', body: { paused: true }, target: { kind: 'connection', id: 'c9', before: { id: 'c9', paused: false, config: { password: '******' } }, changes: { paused: true } } },
    {
      step: 'copy',
      key: 'a b',
      method: 'POST',
      path: 'connections',
      body: { group_id: G, config: { schema: 'x', password: 'pw-from-secret' } },
      target: { kind: 'connection', key: `${G}/x` },
      planned: { id: C },
    },
    { step: 'sync', key: 'a b', method: 'POST', path: `connections/${encodeURIComponent(C)}/sync`, body: { force: false }, target: { kind: 'connection', id: C }, idempotent: true },
    { step: 'drop', key: 'c8', method: 'DELETE', path: 'connections/c8', target: { kind: 'connection', id: 'c8', before: { id: 'c8', schema: 'old' } } },
  ];

  it('classifies writes, links planned ids, references secrets and checksums what was read', () => {
    const { writes, problems } = buildWrites(recorded, { secrets: new Map([['pw-from-secret', 'PG_PASSWORD']]), redact });
    expect(problems).toEqual([]);
    expect(writes.map((w) => [w.seq, w.step, w.change])).toEqual([
      [1, 'grp', 'create'],
      [2, 'pause', 'update'],
      [3, 'copy', 'create'],
      [4, 'sync', 'action'],
      [5, 'drop', 'delete'],
    ]);
    expect(writes[0]!.creates).toBe(G);
    expect(writes[2]).toMatchObject({ creates: C, needs: [G], body: { config: { password: { $secret: 'PG_PASSWORD' } } } });
    expect(writes[3]).toMatchObject({ needs: [C], idempotent: true });
    expect(writes[3]!.target.checksum).toBeUndefined();
    expect(writes[1]!.target.checksum).toBe(fingerprint(recorded[1]!.target.before, writes[1]!.target.before));
    expect(writes[4]!.target.before).toEqual({ id: 'c8', schema: 'old' });
    expect(JSON.stringify(writes)).not.toContain('pw-from-secret');
  });

  it('lists what keeps a plan from being applied', () => {
    const { problems } = buildWrites(
      [{ step: 'copy', key: 'k', method: 'POST', path: 'connections', body: { group_id: 'planned:group:elsewhere', config: { password: 'typed' } }, target: { kind: 'connection', key: 'g/x' } }],
      { secrets: new Map(), redact },
    );
    expect(problems).toEqual([
      "step copy [k] (POST connections): config.password holds a secret typed into the workflow; pass it with secret('NAME') so the plan keeps a reference, not the value",
      "step copy [k] (POST connections): refers to 'planned:group:elsewhere', which no write of this plan creates",
    ]);
  });
});
