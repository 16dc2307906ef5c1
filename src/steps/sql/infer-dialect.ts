import { ApiError } from '../../errors.js';
import type { SqlDialect } from '../../sql/index.js';
import { readConnection, readDestination, type ApiReads } from './api-reads.js';

/** Destination services whose SQL dialect the rewriter speaks; every other warehouse gets `ansi`. */
const DIALECT_OF_SERVICE: ReadonlyMap<string, SqlDialect> = new Map([
  ['snowflake', 'snowflake'],
  ['big_query', 'bigquery'],
  ['managed_big_query', 'bigquery'],
  ['redshift', 'redshift'],
  ['databricks', 'databricks'],
  ['postgres_warehouse', 'postgres'],
  ['postgres_rds_warehouse', 'postgres'],
  ['postgres_gcp_warehouse', 'postgres'],
  ['aurora_postgres_warehouse', 'postgres'],
  ['azure_postgres_warehouse', 'postgres'],
]);

/** A connection as given: its id, and its group when the caller already holds the object. */
export interface ConnectionHint {
  readonly id: string;
  readonly groupId?: string;
}

export interface InferredDialect {
  readonly dialect: SqlDialect;
  /** Where it came from, for the report: `destination snowflake of group …`, or why it fell back. */
  readonly reason: string;
}

async function destinationService(reads: ApiReads, connection: ConnectionHint): Promise<{ groupId: string; service: string | null }> {
  const groupId = connection.groupId ?? (await readConnection(reads, connection.id)).group_id;
  try {
    return { groupId, service: (await readDestination(reads, groupId)).service };
  } catch (error) {
    // A group without a destination yet is an answer ("unknown"), not a failure of the rewrite.
    if (error instanceof ApiError && error.isNotFound) return { groupId, service: null };
    throw error;
  }
}

/**
 * The dialect of the warehouse the connections write to (a destination per group); `ansi` when
 * it is not one the rewriter knows. Connections landing in different dialects cannot share one.
 */
export async function inferDialect(reads: ApiReads, connections: readonly ConnectionHint[]): Promise<InferredDialect | { conflict: string }> {
  const found = await Promise.all(connections.map((connection) => destinationService(reads, connection)));
  const dialects = new Map<SqlDialect, string>();
  for (const { groupId, service } of found) {
    const dialect = (service === null ? undefined : DIALECT_OF_SERVICE.get(service)) ?? 'ansi';
    dialects.set(dialect, service ? `destination ${service} of group ${groupId}` : `group ${groupId} has no destination`);
  }
  if (dialects.size > 1) return { conflict: [...dialects].map(([dialect, why]) => `${dialect} (${why})`).join(', ') };
  const [entry] = dialects;
  return entry ? { dialect: entry[0], reason: entry[1] } : { dialect: 'ansi', reason: 'no connection given' };
}
