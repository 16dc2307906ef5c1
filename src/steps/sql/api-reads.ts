import type { ApiClient } from '../../api/index.js';
import { callEndpoint, getConnection, getDestination, getSchemaConfig, getTableColumns, type ApiCall } from '../../api/endpoints.js';
import type { Connection, Destination } from '../../api/types.js';
import type { FivetranColumnConfig, FivetranSchemasConfig } from '../../sql/index.js';
// The keys every step uses, so a schema patch earlier in the run refreshes what this step reads and no answer is fetched twice.
import { schemaConfigKey, tableColumnsKey } from '../ops/memo-keys.js';
import { objectMemoKey } from '../resources/current-object.js';

/** How the rewrite reads the API: one call at a time, answered from the run's memo when `key` was already read. */
export interface ApiReads {
  read<T>(key: string, call: ApiCall<T>): Promise<T>;
}

/** A memo: the run's (`ctx.memo`) in a step, a plain map on the command line. */
export type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** Reads through `memo`, so every step of a run asking the same thing shares one answer. */
export function memoisedReads(client: ApiClient, memo: Memo, signal?: AbortSignal): ApiReads {
  return {
    read: <T>(key: string, call: ApiCall<T>) => memo(key, () => callEndpoint(client, call, signal ? { signal } : {})),
  };
}

/** A memo for one process run: a map of promises; a failed read is forgotten so it can be tried again. */
export function mapMemo(): Memo {
  const entries = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const known = entries.get(key);
    if (known) return known as Promise<T>;
    const promise = load();
    entries.set(key, promise);
    promise.catch(() => entries.delete(key));
    return promise;
  };
}

/** `GET connections/{id}/schemas`: the connection's schema config. */
export function readSchemaConfig(reads: ApiReads, connectionId: string): Promise<FivetranSchemasConfig> {
  return reads.read(schemaConfigKey(connectionId), getSchemaConfig(connectionId));
}

/** `GET connections/{id}/schemas/{schema}/tables/{table}/columns`: every column of one table. */
export async function readTableColumns(reads: ApiReads, connectionId: string, schema: string, table: string): Promise<Readonly<Record<string, FivetranColumnConfig>>> {
  const data = await reads.read(tableColumnsKey(connectionId, schema, table), getTableColumns(connectionId, schema, table));
  return data.columns as Readonly<Record<string, FivetranColumnConfig>>;
}

export function readConnection(reads: ApiReads, connectionId: string): Promise<Connection> {
  return reads.read(objectMemoKey('connection', connectionId), getConnection(connectionId));
}

export function readDestination(reads: ApiReads, destinationId: string): Promise<Destination> {
  return reads.read(objectMemoKey('destination', destinationId), getDestination(destinationId));
}
