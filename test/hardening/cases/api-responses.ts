import type { Reply } from '../../helpers/http-server.js';
import { ok } from '../../helpers/http-server.js';
import type { BadInputCase } from '../support/bad-input-case.js';

/** A case whose API is a scripted server: `replies` maps a request (`GET /v1/groups/x`) to its answer. */
export interface ApiCase extends BadInputCase {
  replies: Readonly<Record<string, Reply>>;
}

const html = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({ status, body, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
const PROXY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
const LOGIN_PAGE = '<!doctype html><html><body><form action="/login">Sign in</form></body></html>';
const CONNECTION = { id: 'conn_a', service: 'postgres', group_id: 'grp', schema: 'erp', paused: false, status: { setup_state: 'connected', sync_state: 'scheduled' } };

/** A one-step workflow against the scripted server. */
const oneStep = (step: string): string => `name: odd answers\nsteps:\n  - id: s\n${step}`;
const run = ['wf.yml', '--json'];

/**
 * Surprising answers from the API (or whatever FIVETRAN_API_URL points at): each is an API fault,
 * exit 1, with a message that names the request and what came instead — never a TypeError from
 * code that trusted the shape, never a stack trace.
 */
export const apiResponseCases: ApiCase[] = [
  {
    name: 'a 200 whose body is not JSON',
    replies: { 'GET /v1/groups/plain': { status: 200, body: 'hello' } },
    args: ['call', 'GET', 'groups/plain'],
    exit: 1,
    stderr: 'atlas-run: GET /v1/groups/plain → 200 invalid response: expected JSON, got text/plain (5 bytes)\n',
  },
  {
    name: 'a 200 HTML page (a captive portal or a proxy answering for the API)',
    replies: { 'GET /v1/groups/portal': html(200, LOGIN_PAGE) },
    args: ['call', 'GET', 'groups/portal'],
    exit: 1,
    stderr: `atlas-run: GET /v1/groups/portal → 200 invalid response: expected JSON, got text/html (${LOGIN_PAGE.length} bytes)\n`,
  },
  {
    name: 'a 404 HTML error page',
    replies: { 'GET /v1/groups/gone': html(404, '<h1>Not Found</h1>') },
    args: ['call', 'GET', 'groups/gone'],
    exit: 1,
    stderr: 'atlas-run: GET /v1/groups/gone → 404 (expected JSON, got text/html (18 bytes))\n',
  },
  {
    name: 'a 502 HTML page from a proxy, retried, then reported',
    bin: true,
    replies: { 'GET /v1/groups/proxy': html(502, PROXY_PAGE, { 'retry-after': '0' }) },
    args: ['call', 'GET', 'groups/proxy'],
    exit: 1,
    stderr:
      'atlas-run: GET /v1/groups/proxy: HTTP 502; retrying in 0.0 s (attempt 2)\natlas-run: GET /v1/groups/proxy: HTTP 502; retrying in 0.0 s (attempt 3)\n' +
      `atlas-run: GET /v1/groups/proxy: HTTP 502; retrying in 0.0 s (attempt 4)\natlas-run: GET /v1/groups/proxy → 502 (expected JSON, got text/html (${PROXY_PAGE.length} bytes)) (gave up after 4 attempts)\n`,
  },
  {
    name: 'a 401 login page instead of a JSON error',
    replies: { 'GET /v1/groups/login': html(401, LOGIN_PAGE) },
    args: ['call', 'GET', 'groups/login'],
    exit: 1,
    stderr: `atlas-run: GET /v1/groups/login → 401 (expected JSON, got text/html (${LOGIN_PAGE.length} bytes))\n`,
  },
  {
    name: 'a JSON list where the envelope object belongs',
    replies: { 'GET /v1/groups/list': { status: 200, json: [{ id: 'x' }] } },
    args: ['call', 'GET', 'groups/list'],
    exit: 1,
    stderr: 'atlas-run: GET /v1/groups/list → 200 invalid response: expected a JSON object, got an array\n',
  },
  {
    name: 'a body cut off before its announced length, on a write (not re-sent blindly)',
    replies: { 'POST /v1/groups': { truncate: true, status: 201, body: '{"code":"Success","data":{"id":"new' } },
    args: ['call', 'POST', 'groups', 'name=analytics'],
    exit: 1,
    stderr: 'atlas-run: POST /v1/groups → 201 invalid response: response body broke off: connection closed before a complete answer (UND_ERR_SOCKET)\n',
  },
  {
    name: 'an error message carrying terminal control sequences is printed spelled out',
    bin: true,
    replies: { 'GET /v1/groups/ansi': { status: 400, json: { code: 'InvalidInput', message: 'bad \u001b[2J\u001b]0;owned\u0007value' } } },
    args: ['call', 'GET', 'groups/ansi'],
    exit: 1,
    stderr: 'atlas-run: GET /v1/groups/ansi → 400 InvalidInput: bad \\x1B[2J\\x1B]0;owned\\x07value\n',
  },
  {
    name: 'a 429 asking to wait an hour is reported, not waited for',
    replies: { 'GET /v1/groups/busy': { status: 429, json: { code: 'TooManyRequests', message: 'slow down' }, headers: { 'retry-after': '3600' } } },
    args: ['call', 'GET', 'groups/busy'],
    exit: 1,
    stderr: 'atlas-run: GET /v1/groups/busy → 429 TooManyRequests: slow down (the API asked to wait 3600 s, longer than the 300 s allowed by retry.maxWaitMs)\n',
  },
  {
    name: 'JSON labelled text/html is still read as the JSON it is',
    replies: { 'GET /v1/groups/labelled': { status: 200, body: '{"code":"Success","data":{"id":"labelled"}}', headers: { 'content-type': 'text/html' } } },
    args: ['call', 'GET', 'groups/labelled'],
    exit: 0,
    stdout: '{"code":"Success","data":{"id":"labelled"}}\n',
    stderr: '',
  },
  {
    name: 'a 200 without data where a step reads an object',
    bin: true,
    replies: { 'GET /v1/groups/nodata': ok() },
    files: { 'wf.yml': oneStep('    get: group\n    with: { id: nodata }\n') },
    args: run,
    exit: 1,
    runErrors: ['GET /v1/groups/nodata → 200 invalid response: expected data to be an object, got no data'],
  },
  {
    name: 'a 200 with data null where a step reads an object',
    replies: { 'GET /v1/groups/nulldata': ok(null) },
    files: { 'wf.yml': oneStep('    get: group\n    with: { id: nulldata }\n') },
    args: run,
    exit: 1,
    runErrors: ['GET /v1/groups/nulldata → 200 invalid response: expected data to be an object, got data null'],
  },
  {
    name: 'a 204 with no body where a step reads an object',
    replies: { 'GET /v1/groups/empty': { status: 204 } },
    files: { 'wf.yml': oneStep('    get: group\n    with: { id: empty }\n') },
    args: run,
    exit: 1,
    runErrors: ['GET /v1/groups/empty → 204 invalid response: expected data to be an object, got no data'],
  },
  {
    name: 'an update answered with a string instead of the updated connection',
    replies: { 'GET /v1/connections/conn_a': ok(CONNECTION), 'PATCH /v1/connections/conn_a': ok('done') },
    files: { 'wf.yml': oneStep('    update: connection\n    with: { id: conn_a, paused: true }\n') },
    args: run,
    exit: 1,
    runErrors: ['PATCH /v1/connections/conn_a → 200 invalid response: expected data to be an object, got data that is a string'],
  },
  {
    name: 'a create answered without the created object (reported, not "created id undefined")',
    replies: { 'GET /v1/groups': ok({ items: [] }), 'POST /v1/groups': ok(undefined, 201) },
    files: { 'wf.yml': oneStep('    create: group\n    with: { name: analytics }\n') },
    args: run,
    exit: 1,
    runErrors: ['POST /v1/groups → 201 invalid response: expected data to be an object, got no data'],
  },
  {
    name: 'a list answered without data.items',
    replies: { 'GET /v1/groups': ok({ groups: [] }) },
    files: { 'wf.yml': oneStep('    list: groups\n') },
    args: run,
    exit: 1,
    runErrors: ['GET /v1/groups → 200 invalid response: expected data.items to be an array on a list endpoint'],
  },
  {
    name: 'a list whose next_cursor sends it back to a page it has read (it would never end)',
    replies: { 'GET /v1/groups': ok({ items: [{ id: 'g1', name: 'one' }], next_cursor: 'again' }) },
    files: { 'wf.yml': oneStep('    list: groups\n') },
    args: run,
    exit: 1,
    runErrors: ["GET /v1/groups → 200 invalid response: next_cursor 'again' repeats an earlier page"],
  },
];
