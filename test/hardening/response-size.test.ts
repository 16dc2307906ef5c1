/**
 * API answers are read up to a limit: an answer announced bigger is not read at all, one that keeps
 * streaming is cut off once past it; either way the call fails once (no retry would shrink it) with
 * an InvalidResponseError naming the request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { InvalidResponseError } from '../../src/errors.js';
import { startTestServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';

const LIMIT = 4096;

describe('the size of API answers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(() => ({ status: 200, json: { code: 'Success', data: { id: 'big', blob: 'x'.repeat(LIMIT) } } }));
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses an answer announced larger than the limit, without retrying', async () => {
    const client = createClient({ apiKey: 'k', apiSecret: 's', baseUrl: server.baseUrl, maxResponseBytes: LIMIT, retry: { baseDelayMs: 1 } });
    try {
      const failure = await client.get('groups/big').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InvalidResponseError);
      expect((failure as Error).message).toBe(`GET /v1/groups/big → 200 invalid response: the answer is larger than ${LIMIT} bytes`);
      expect(server.requests).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('reads an answer within the limit as usual', async () => {
    const client = createClient({ apiKey: 'k', apiSecret: 's', baseUrl: server.baseUrl, maxResponseBytes: LIMIT * 2 });
    try {
      await expect(client.get('groups/big')).resolves.toMatchObject({ id: 'big' });
    } finally {
      await client.close();
    }
  });

  it('stops reading a streamed answer that never ends once it passes the limit', async () => {
    let written = 0;
    let finished = false;
    const endless = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"code":"Success","data":{"blob":"');
      const more = (): void => {
        if (response.destroyed || written > 64 * 1024 * 1024) {
          finished = !response.destroyed;
          response.destroy();
          return;
        }
        written += 16 * 1024;
        if (response.write('y'.repeat(16 * 1024))) setImmediate(more);
        else response.once('drain', more);
      };
      more();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const client = createClient({ apiKey: 'k', apiSecret: 's', baseUrl: `http://127.0.0.1:${(endless.address() as AddressInfo).port}/v1`, maxResponseBytes: 256 * 1024 });
    try {
      const failure = await client.get('groups/endless').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InvalidResponseError);
      expect((failure as Error).message).toBe('GET /v1/groups/endless → 200 invalid response: the answer is larger than 262144 bytes');
      // The server was cut off far short of the 64 MiB it would have sent.
      expect(finished).toBe(false);
      expect(written).toBeLessThan(16 * 1024 * 1024);
    } finally {
      await client.close();
      endless.closeAllConnections();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  });
});
