import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers one request. */
export type Reply =
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string>; delayMs?: number }
  /** Close the socket without answering (after the request was read: the server "may have applied" it). */
  | { reset: true }
  /** Never answer (until the server closes). */
  | { hang: true }
  /** Send the status and a Content-Length larger than the body, then cut the connection. */
  | { truncate: true; status: number; body: string };

export type Handler = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

/** A scripted HTTP server on 127.0.0.1, port 0. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `<origin>/v1`, what a client takes as base URL. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; when they run out the handler answers. */
  enqueue(...replies: Reply[]): void;
  /** Replaces the fallback handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** The JSON envelope Fivetran wraps every answer in. */
export function ok(data?: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, json: { code: 'Success', ...(data === undefined ? {} : { data }) }, headers };
}

/** A Fivetran-style error answer. */
export function fail(status: number, code?: string, message?: string, headers: Record<string, string> = {}): Reply {
  return { status, json: { ...(code ? { code } : {}), ...(message ? { message } : {}) }, headers };
}

/** Starts the server; `handler` answers whatever was not enqueued (default: 404 JSON). */
export async function startTestServer(handler?: Handler): Promise<TestServer> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let fallback: Handler = handler ?? (() => fail(404, 'NotFound', 'HTTP 404 Not Found'));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const index = requests.length - 1;
      const next = queue.shift();
      Promise.resolve(next ?? fallback(recorded, index)).then(
        (reply) => answer(reply, res),
        (error: unknown) => answer({ status: 500, json: { code: 'TestServerError', message: String(error) } }, res),
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    enqueue: (...replies) => queue.push(...replies),
    handle: (next) => {
      fallback = next;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(reply: Reply, res: ServerResponse): void {
  if ('reset' in reply) {
    res.socket?.destroy();
    return;
  }
  if ('hang' in reply) return;
  if ('truncate' in reply) {
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(reply.body) + 100) });
    res.write(reply.body);
    setImmediate(() => res.socket?.destroy());
    return;
  }
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
  const send = (): void => {
    res.writeHead(reply.status, {
      'content-type': reply.json !== undefined ? 'application/json' : 'text/plain',
      ...reply.headers,
    });
    res.end(body);
  };
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}
