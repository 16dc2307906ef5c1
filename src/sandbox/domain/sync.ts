/**
 * The sync state machine (CONTRACT §6.3), evaluated lazily: a running sync is a start and an end
 * time, and whoever reads the connection after the end settles it. No timers, so 100 000
 * connections cost nothing while idle and tests can move an injected clock instead of sleeping.
 */
import { isoAt } from '../clock.js';
import type { ConnectionRecord } from '../state/types.js';
import { reloadSchemaConfig } from './schema-config.js';

/** Finishes a sync whose time is up; call before reading or changing a connection. */
export function settle(connection: ConnectionRecord, now: number): ConnectionRecord {
  const run = connection.run;
  if (!run || now < run.endsAt) return connection;
  connection.run = null;
  if (run.fails) {
    connection.failed_at = isoAt(run.endsAt);
    connection.status.update_state = 'delayed';
  } else {
    connection.succeeded_at = isoAt(run.endsAt);
    connection.status.is_historical_sync = false;
    connection.status.update_state = 'on_schedule';
    // Each sync picks up new source objects, as schema-change handling decides.
    reloadSchemaConfig(connection, false);
  }
  connection.status.sync_state = connection.paused ? 'paused' : 'scheduled';
  return connection;
}

/** Starts (or restarts) a sync now; it fails if the connection is not set up. */
export function startSync(connection: ConnectionRecord, now: number, durationMs: number): void {
  connection.run = { startedAt: now, endsAt: now + durationMs, fails: connection.status.setup_state !== 'connected' };
  connection.status.sync_state = 'syncing';
}

export type SyncOutcome = 'started' | 'restarted' | 'already-running' | 'paused';

/** `POST /sync`: idle → start; running → restart only with `force`; paused → nothing (CONTRACT §10). */
export function triggerSync(connection: ConnectionRecord, force: boolean, now: number, durationMs: number): SyncOutcome {
  if (connection.paused) return 'paused';
  if (connection.run) {
    if (!force) return 'already-running';
    startSync(connection, now, durationMs);
    return 'restarted';
  }
  startSync(connection, now, durationMs);
  return 'started';
}

/** A resync re-imports history: queued while paused, started otherwise. */
export function triggerResync(connection: ConnectionRecord, now: number, durationMs: number): void {
  connection.status.is_historical_sync = true;
  if (connection.paused) connection.resync_queued = true;
  else startSync(connection, now, durationMs);
}

/** Pausing stops a running sync; unpausing starts a queued resync. */
export function setPaused(connection: ConnectionRecord, paused: boolean, now: number, durationMs: number): void {
  if (connection.paused === paused) return;
  connection.paused = paused;
  if (paused) {
    connection.run = null;
    connection.status.sync_state = 'paused';
    return;
  }
  connection.status.sync_state = 'scheduled';
  if (connection.resync_queued) {
    connection.resync_queued = false;
    startSync(connection, now, durationMs);
  }
}
