import { getConnection, requireObjectData, resolveEndpoint } from '../../api/index.js';
import type { Connection } from '../../api/index.js';
import type { StepContext } from '../define-step.js';
import { triggerTime } from './trigger-time.js';

/** A connection read fresh, with what is needed to stamp a trigger made right after. */
export interface FreshConnection {
  connection: Connection;
  /** Call just before sending the trigger: the ISO time `wait` compares finishes against. */
  triggeredAt(): string;
}

/**
 * Reads a connection now, bypassing the run memo: sync and resync decide on `paused` and the last
 * finish times, which any earlier step of the run may have changed.
 */
export async function readConnectionFresh(ctx: StepContext, connectionId: string): Promise<FreshConnection> {
  const call = getConnection(connectionId);
  const response = await ctx.client.request<Connection>(call.method, call.path, { signal: ctx.signal });
  const connection = requireObjectData(response, { method: call.method, path: resolveEndpoint(call.path, new URL(ctx.client.baseUrl)).path });
  return {
    connection,
    triggeredAt: () =>
      triggerTime({ localNow: ctx.now(), serverDate: response.headers.date, lastFinishes: [connection.succeeded_at, connection.failed_at] }),
  };
}
