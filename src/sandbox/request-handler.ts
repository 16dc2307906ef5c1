/**
 * The life of one request: introspection aside, count it in flight; check the path, auth, faults,
 * route, Accept, body and rate limits; run the handler; answer JSON, always. Any failure becomes a
 * Fivetran-shaped error and nothing a client sends can crash the server.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitPath } from '../openapi/path-template.js';
import type { RequestContext } from './context.js';
import type { FaultPlan } from './faults.js';
import { basicAuthChecker } from './http/auth.js';
import { hasBody, readBody } from './http/body.js';
import type { Reply } from './http/envelope.js';
import { acceptsJson, isJsonContentType } from './http/negotiate.js';
import { HttpProblem } from './http/problem.js';
import { handleIntrospection } from './introspection.js';
import type { RouteEntry } from './routes/index.js';
import type { SandboxApp } from './sandbox-app.js';
import type { Sleeper } from './sleeper.js';

const NO_FAULTS: FaultPlan = { delayMs: 0, slowMs: 0 };
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Writes a JSON answer with the rate-limit headers, unless the client is gone. */
function send(app: SandboxApp, res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const json = JSON.stringify(reply.body);
  const limits = app.limiter?.headers();
  res.writeHead(reply.status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...(limits ? { 'x-rate-limit': String(limits.limit), 'x-rate-limit-remaining': String(limits.remaining) } : {}),
    ...headers,
  });
  res.end(json);
}

function problemReply(problem: HttpProblem): Reply {
  return { status: problem.status, body: { code: problem.code, message: problem.message } };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpProblem(400, 'InvalidInput', `Malformed JSON in request body: ${(error as Error).message}`);
  }
}

async function readJsonBody(app: SandboxApp, req: IncomingMessage): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpProblem(415, 'UnsupportedMediaType', `Content-Type '${req.headers['content-type']}' is not supported; send application/json`);
  }
  const read = await readBody(req, app.options.bodyLimitBytes);
  if (read.kind === 'too-large') {
    throw new HttpProblem(413, 'PayloadTooLarge', `Request body of ${read.bytes} bytes exceeds the limit of ${app.options.bodyLimitBytes} bytes`);
  }
  return parseJson(read.text);
}

function simulatedFailure(status: 500 | 503): HttpProblem {
  return new HttpProblem(status, status === 500 ? 'InternalServerError' : 'ServiceUnavailable', 'Simulated server failure');
}

/** The route for a request, or the 404/405/406 Fivetran answers instead. */
function findRoute(app: SandboxApp, req: IncomingMessage, method: string, segments: string[], pathname: string): { entry: RouteEntry; params: Record<string, string> } {
  const match = app.router.match(method, segments);
  if (match.kind === 'not-found') throw new HttpProblem(404, 'NotFound', 'HTTP 404 Not Found');
  if (match.kind === 'method-not-allowed') {
    throw new HttpProblem(405, 'MethodNotAllowed', `Method ${method} is not allowed on ${pathname}`, { allow: match.allowed.join(', ') });
  }
  if (!acceptsJson(req.headers.accept)) {
    throw new HttpProblem(406, 'NotAcceptable', `Accept '${req.headers.accept}' rules out application/json, the only type this API answers`);
  }
  return { entry: match.value, params: match.params };
}

/** Builds the `(req, res)` listener of a sandbox. */
export function createRequestHandler(app: SandboxApp, sleeper: Sleeper): (req: IncomingMessage, res: ServerResponse) => void {
  const authorized = basicAuthChecker(app.options.apiKey, app.options.apiSecret);

  /**
   * `complete` is called once, just before the answer is written or the socket dropped: the request
   * leaves the in-flight count before the client can possibly see the answer and send the next one.
   */
  async function process(
    req: IncomingMessage,
    res: ServerResponse,
    request: { method: string; pathname: string; query: URLSearchParams },
    complete: (route: string, status: number | 'reset') => void,
  ): Promise<void> {
    const { method, pathname, query } = request;
    let route = `${method} (unmatched)`;
    let plan = NO_FAULTS;
    const drop = (): void => {
      complete(route, 'reset');
      req.socket.destroy();
    };
    const answer = (reply: Reply, headers?: Record<string, string>): void => {
      complete(route, reply.status);
      send(app, res, reply, headers);
    };
    try {
      const segments = splitPath(pathname);
      if (!segments) throw new HttpProblem(400, 'InvalidInput', 'Malformed percent-encoding in the URL path');
      if (segments[0] !== 'v1') throw new HttpProblem(404, 'NotFound', 'HTTP 404 Not Found');
      if (!authorized(req.headers.authorization)) {
        throw new HttpProblem(401, 'AuthFailed', 'Authentication failed: use HTTP Basic auth with your API key and secret', {
          'www-authenticate': 'Basic realm="Fivetran API"',
        });
      }
      const isWrite = WRITE_METHODS.has(method);
      plan = app.faults.inactive ? NO_FAULTS : app.faults.plan(isWrite);
      if (plan.delayMs > 0) await sleeper.sleep(plan.delayMs);
      if (plan.fail && !plan.fail.afterWrite) {
        app.stats.fault('failedBeforeWrite');
        throw simulatedFailure(plan.fail.status);
      }
      if (plan.reset && !plan.reset.afterWrite) {
        app.stats.fault('resetBeforeWrite');
        drop();
        return;
      }
      const { entry, params } = findRoute(app, req, method, segments, pathname);
      route = `${method} ${entry.template}`;
      const now = app.options.now();
      const body = await readJsonBody(app, req);
      const ctx: RequestContext = { sandbox: app, method, params, query, body, legacy: entry.legacy, specTemplate: entry.specTemplate, now };
      const decision = app.limiter?.admit(entry.def.classes?.(ctx) ?? []);
      if (decision && !decision.allowed) {
        throw new HttpProblem(429, 'TooManyRequests', decision.message, { 'retry-after': String(decision.retryAfterSeconds) });
      }
      const reply = entry.def.handler(ctx);
      if (plan.fail?.afterWrite) {
        app.stats.fault('failedAfterWrite');
        throw simulatedFailure(plan.fail.status);
      }
      if (plan.reset?.afterWrite) {
        app.stats.fault('resetAfterWrite');
        drop();
        return;
      }
      if (plan.slowMs > 0) {
        app.stats.fault('slow');
        await sleeper.sleep(plan.slowMs);
      }
      answer(reply);
    } catch (error) {
      if (!(error instanceof HttpProblem) && res.destroyed) {
        complete(route, 'reset');
        return;
      }
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'InternalServerError', `Unexpected sandbox error: ${(error as Error).message}`);
      answer(problemReply(problem), problem.headers);
    }
  }

  return (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    if (pathname === '/__sandbox' || pathname.startsWith('/__sandbox/')) {
      send(app, res, handleIntrospection(app, method, pathname));
      return;
    }
    app.stats.begin();
    let inFlight = true;
    const leave = (): void => {
      if (inFlight) app.stats.end();
      inFlight = false;
    };
    // A client that goes away before its answer leaves the count too.
    res.once('close', leave);
    let counted = false;
    const complete = (route: string, status: number | 'reset'): void => {
      leave();
      if (!counted) app.stats.request(method, route, status);
      counted = true;
    };
    void process(req, res, { method, pathname, query }, complete);
  };
}
