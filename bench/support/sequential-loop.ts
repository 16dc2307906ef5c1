import { Pool } from 'undici';

/**
 * A hand-written loop on bare undici. With one connection it is what the seed's Python scripts do (one
 * request at a time over one kept-alive connection); with more, the floor any tool can reach against
 * the same server at that concurrency.
 */
export class SequentialLoop {
  private readonly client: Pool;
  private readonly authorization: string;

  constructor(
    private readonly sandbox: { url: string; apiKey: string; apiSecret: string },
    connections = 1,
  ) {
    this.client = new Pool(new URL(sandbox.url).origin, { connections });
    this.authorization = `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`;
  }

  /** One call; throws on a non-2xx answer, like `raise_for_status()`. */
  async call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const response = await this.client.request({
      method,
      path: `${new URL(this.sandbox.url).pathname}/${path}`,
      headers: { authorization: this.authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${path} → ${response.statusCode}: ${text.slice(0, 200)}`);
    return (JSON.parse(text) as { data: T }).data;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
