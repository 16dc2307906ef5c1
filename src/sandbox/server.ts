/** Starting and stopping a sandbox: a node:http server on loopback around a SandboxApp. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveOptions } from './options.js';
import type { SandboxOptions } from './options.js';
import { loadState, saveState } from './persistence.js';
import { createRequestHandler } from './request-handler.js';
import { SandboxApp } from './sandbox-app.js';
import { Sleeper } from './sleeper.js';
import type { SandboxStats } from './stats.js';
import type { StateSnapshot } from './state/types.js';

/** A running sandbox. */
export interface SandboxHandle {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:40123/v1`. */
  url: string;
  /** Origin without `/v1`, where `/__sandbox/*` lives. */
  origin: string;
  apiKey: string;
  apiSecret: string;
  /** Stops listening, drops open connections, and saves the state when `stateFile` is set. */
  stop(): Promise<void>;
  /** Counters since start or the last reset. */
  stats(): SandboxStats;
  /** The whole state with every secret masked. */
  state(): StateSnapshot;
  /** Back to the starting state with fresh counters (like `POST /__sandbox/reset`). */
  reset(): void;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** JSON answer for requests node cannot even parse (bad request line, oversized headers…). */
function rejectMalformed(socket: NodeJS.WritableStream & { writable: boolean; destroy(): void }): void {
  const body = JSON.stringify({ code: 'BadRequest', message: 'Malformed HTTP request' });
  if (socket.writable) {
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  } else {
    socket.destroy();
  }
}

/**
 * Starts a sandbox on `host:port` (127.0.0.1 and a free port by default).
 *
 * @example const sandbox = await startSandbox({ syncDurationMs: 50 }); … await sandbox.stop();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  const saved = resolved.stateFile ? loadState(resolved.stateFile) : undefined;
  const app = new SandboxApp(resolved, saved);
  const sleeper = new Sleeper();
  const server = createServer({ keepAliveTimeout: 10_000, requestTimeout: 0 }, createRequestHandler(app, sleeper));
  server.on('clientError', (_error, socket) => rejectMalformed(socket));
  const address = await listen(server, resolved.port, resolved.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: `${origin}/v1`,
    origin,
    apiKey: resolved.apiKey,
    apiSecret: resolved.apiSecret,
    stats: () => app.stats.snapshot(),
    state: () => app.maskedSnapshot(),
    reset: () => app.reset(),
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        sleeper.stop();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }).then(() => {
        if (resolved.stateFile) saveState(resolved.stateFile, app.maskedSnapshot());
      })),
  };
}
