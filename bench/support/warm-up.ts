import { Pool } from 'undici';

/**
 * Sends `count` harmless PATCHes (a connection's sync frequency set to what it already is),
 * `concurrency` at a time, untimed, so the sandbox process has compiled its hot paths before anything is
 * measured: the real API is never cold, and a cold simulator would bill its own JIT to the client.
 */
export async function warmUpSandbox(sandbox: { url: string; apiKey: string; apiSecret: string }, count: number, concurrency: number): Promise<void> {
  const url = new URL(sandbox.url);
  const pool = new Pool(url.origin, { connections: concurrency });
  const headers = { authorization: `Basic ${Buffer.from(`${sandbox.apiKey}:${sandbox.apiSecret}`).toString('base64')}`, 'content-type': 'application/json' };
  try {
    const list = await pool.request({ method: 'GET', path: `${url.pathname}/connections?limit=1000`, headers });
    const { data } = (await list.body.json()) as { data: { items: { id: string; sync_frequency: number }[] } };
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const connection = data.items[next++ % data.items.length]!;
        const response = await pool.request({ method: 'PATCH', path: `${url.pathname}/connections/${connection.id}`, headers, body: JSON.stringify({ sync_frequency: connection.sync_frequency }) });
        await response.body.text();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pool.close();
  }
}
