/**
 * A pass-through HTTP proxy in front of a sandbox that keeps every request body as sent, so tests
 * can prove what went over the wire (a secret sent, a `******` never sent) — the sandbox itself
 * masks secrets in everything it shows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { SandboxFixture } from '../../helpers/sandbox.js';

export interface SentRequest {
  method: string;
  /** Path and query, e.g. `/v1/connections?schema=x`. */
  url: string;
  body: string;
}

export interface RecordingProxy {
  /** The sandbox as seen through the proxy: pass it to `runYaml`. */
  readonly fixture: SandboxFixture;
  readonly sent: SentRequest[];
}

/** Headers that describe one hop; fetch sets its own. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** Starts a proxy to `sandbox` before the tests of the calling file and stops it after them. */
export function useRecordingProxy(sandbox: SandboxFixture): RecordingProxy {
  const sent: SentRequest[] = [];
  let origin = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      sent.push({ method: request.method ?? '', url: request.url ?? '', body });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && !HOP_HEADERS.has(name)) headers[name] = value;
      fetch(`${sandbox.origin}${request.url ?? ''}`, { method: request.method ?? 'GET', headers, ...(body === '' ? {} : { body }) })
        .then(async (answer) => {
          const text = await answer.text();
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(text);
        })
        .catch(() => response.destroy());
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const fixture: SandboxFixture = Object.create(sandbox, {
    url: { get: () => `${origin}/v1` },
    origin: { get: () => origin },
  }) as SandboxFixture;
  return { fixture, sent };
}
