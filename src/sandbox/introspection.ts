/**
 * Test and benchmark hooks outside `/v1`, without auth: `GET /__sandbox/stats`,
 * `GET /__sandbox/state` (secrets masked) and `POST /__sandbox/reset`.
 */
import type { Reply } from './http/envelope.js';
import type { SandboxApp } from './sandbox-app.js';

export function handleIntrospection(app: SandboxApp, method: string, pathname: string): Reply {
  const path = pathname.replace(/\/+$/, '');
  if (method === 'GET' && path === '/__sandbox/stats') return { status: 200, body: app.stats.snapshot() };
  if (method === 'GET' && path === '/__sandbox/state') return { status: 200, body: app.maskedSnapshot() };
  if (method === 'POST' && path === '/__sandbox/reset') {
    app.reset();
    return { status: 200, body: { code: 'Success', message: 'Sandbox state and stats have been reset' } };
  }
  return { status: 404, body: { code: 'NotFound', message: `No sandbox endpoint ${method} ${pathname}; use GET /__sandbox/stats, GET /__sandbox/state or POST /__sandbox/reset` } };
}
