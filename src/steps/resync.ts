import { resyncConnection, resyncTables } from '../api/index.js';
import type { SchemaConfig, TableScope } from '../api/index.js';
import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import { readConnectionFresh } from './ops/connection-read.js';
import { tableProblem } from './ops/schema-names.js';
import { readSchemaConfig } from './ops/schema-config-read.js';
import { writeCall } from './ops/write-call.js';
import type { ResourceRef } from './resource-ref.js';
import { isPlanned, refId } from './resource-ref.js';

interface ResyncInputs {
  connection: ResourceRef;
  tables?: unknown;
}

interface ResyncOutputs {
  id: string;
  triggered_at: string;
  tables: TableScope | null;
  detail: string;
}

/** `{schema: [table…]}` as given, checked for shape (names are checked against the config later). */
function tableScope(value: unknown): TableScope | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = (why: string): never => {
    throw new StepError(`input 'tables' ${why}; write it as {schema: [table, …]}`);
  };
  if (typeof value !== 'object' || Array.isArray(value)) return fail('must map schema names to lists of tables');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) fail('names no schema');
  for (const [schema, tables] of entries) {
    if (!Array.isArray(tables) || tables.length === 0) fail(`must list at least one table of schema '${schema}'`);
    if ((tables as unknown[]).some((t) => typeof t !== 'string' || t === '')) fail(`lists a table of schema '${schema}' that is not a name`);
  }
  return value as TableScope;
}

function scopeProblems(config: SchemaConfig, scope: TableScope): string[] {
  return Object.entries(scope).flatMap(([schema, tables]) => tables.map((table) => tableProblem(config, schema, table)?.message).filter((m): m is string => m !== undefined));
}

const countTables = (scope: TableScope): number => Object.values(scope).reduce((n, tables) => n + tables.length, 0);

/** Re-imports a connection's history, whole or for named tables; destructive, so it needs --yes. */
export const resyncStep = defineStep<ResyncInputs, ResyncOutputs>({
  type: 'resync',
  summary: 're-sync a whole connection, or named tables of it, from scratch',
  main: 'connection',
  inputs: {
    type: 'object',
    properties: {
      connection: { type: ['string', 'object'], description: 'the connection: its id, or an object with an id' },
      tables: {
        type: 'object',
        description: 'only these tables, as {schema: [table, …]} with source names (case-sensitive), checked against the schema config first',
        additionalProperties: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
    },
    required: ['connection'],
    additionalProperties: false,
  },
  outputs: {
    id: 'the connection id',
    triggered_at: 'ISO time just before the trigger; give it to `wait: sync-finished` as `since`',
    tables: 'the tables re-synced, or null for the whole connection',
  },
  effect: () => 'write',
  // A re-sync drops what was loaded and re-imports it: costly, and it cannot be undone.
  destructive: () => true,
  example: `- id: opportunities
  resync: brisk_lantern
  with:
    tables:
      salesforce: [Opportunity, OpportunityLineItem]`,
  async run(ctx, inputs) {
    const id = refId(inputs.connection, 'connection');
    const scope = tableScope(inputs.tables);
    const call = scope ? resyncTables(id, scope) : resyncConnection(id);
    const what = scope ? `${countTables(scope)} table${countTables(scope) === 1 ? '' : 's'}` : 'the whole connection';
    const target = { kind: 'connection', id, ...(scope ? { changes: { resync: scope } } : {}) };
    if (isPlanned(id)) {
      const triggered_at = new Date(ctx.now()).toISOString();
      await writeCall(ctx, call, target);
      return { id, triggered_at, tables: scope ?? null, detail: `re-sync of ${what} of the planned connection` };
    }
    const fresh = await readConnectionFresh(ctx, id);
    if (scope) {
      const problems = scopeProblems(await readSchemaConfig(ctx, id), scope);
      if (problems.length > 0) throw new StepError(`cannot re-sync tables of connection ${id}: ${problems.join('; ')}`);
    }
    if (fresh.connection.paused) ctx.say({ kind: 'warning', message: `connection ${id} is paused: the re-sync waits until it is resumed` });
    const triggered_at = fresh.triggeredAt();
    await writeCall(ctx, call, target);
    return { id, triggered_at, tables: scope ?? null, detail: `re-sync of ${what} triggered` };
  },
});
