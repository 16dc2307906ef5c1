import { objectMemoKey } from '../resources/current-object.js';

/**
 * Names of the run-wide memo entries these handlers share (`ctx.memo`), in one place so a step that
 * writes can `ctx.forget` exactly what a later step would otherwise read stale.
 */

/** A connection's schema config: the key `get: schema` stores it under, so a config it read is reused. */
export const schemaConfigKey = (connectionId: string): string => objectMemoKey('schema', connectionId);

/** The live columns of one table (a source interaction, so read at most once per run). */
export const tableColumnsKey = (connectionId: string, schema: string, table: string): string =>
  `table-columns:${connectionId}:${JSON.stringify([schema, table])}`;

/** The approved certificates or fingerprints of a connection or destination. */
export const trustListKey = (owner: { kind: string; id: string }, kind: 'certificate' | 'fingerprint'): string => `${kind}s:${owner.kind}:${owner.id}`;
