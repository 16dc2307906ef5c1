/** Reading a request body with a size limit, without ever buffering more than the limit. */
import type { IncomingMessage } from 'node:http';

export type BodyRead = { kind: 'ok'; text: string } | { kind: 'too-large'; bytes: number };

/**
 * Reads the whole body. Past `limitBytes` the rest is drained and discarded (so the client still
 * gets a clean 413 instead of a reset); past `drainLimitBytes` the connection is destroyed.
 */
export function readBody(req: IncomingMessage, limitBytes: number, drainLimitBytes = 64 * 1024 * 1024): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limitBytes) chunks.push(chunk);
      else if (bytes > drainLimitBytes) req.destroy();
    });
    req.once('end', () => resolve(bytes > limitBytes ? { kind: 'too-large', bytes } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/** True when the request announces a body (a length above zero or chunked encoding). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}
