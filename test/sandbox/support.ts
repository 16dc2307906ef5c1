/** A plain HTTP client for sandbox tests (undici `request`, deliberately not src/api). */
import { request } from 'undici';
import type { SandboxFixture } from '../helpers/sandbox.js';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (every sandbox answer is JSON). */
  json: T & { code?: string; message?: string; data?: unknown };
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, for malformed or huge bodies. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** Replace the Authorization header; `null` sends none. */
  authorization?: string | null;
}

/** Sends one request to `sandbox.url + path` and parses the JSON answer. */
export async function call<T = Record<string, unknown>>(sandbox: Pick<SandboxFixture, 'url' | 'authorization'>, method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json;version=2', ...options.headers };
  const authorization = options.authorization === undefined ? sandbox.authorization : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  let body: string | Buffer | undefined = options.raw;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await request(`${sandbox.url}${path}`, { method: method as 'GET', headers, body });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: JSON.parse(text) as Answer<T>['json'] };
}

/** `data` of a successful answer; fails the test with the whole answer otherwise. */
export function dataOf<T = Record<string, unknown>>(answer: Answer): T {
  if (answer.status >= 300) throw new Error(`expected success, got ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json.data as T;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

/** Every item of a paginated list, following `next_cursor` until it is omitted. */
export async function listAll<T = Record<string, unknown>>(sandbox: Pick<SandboxFixture, 'url' | 'authorization'>, path: string, limit = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page = dataOf<Page<T>>(await call(sandbox, 'GET', `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

/** The id of a named group of the default seed data. */
export async function groupId(sandbox: Pick<SandboxFixture, 'url' | 'authorization'>, name: string): Promise<string> {
  const group = (await listAll<{ id: string; name: string }>(sandbox, '/groups')).find((g) => g.name === name);
  if (!group) throw new Error(`no group named ${name}`);
  return group.id;
}

/** The id of a connection by its group and schema name. */
export async function connectionId(sandbox: Pick<SandboxFixture, 'url' | 'authorization'>, group: string, schema: string): Promise<string> {
  const [item] = dataOf<Page<{ id: string }>>(await call(sandbox, 'GET', `/connections?group_id=${group}&schema=${encodeURIComponent(schema)}`)).items;
  if (!item) throw new Error(`no connection ${schema} in ${group}`);
  return item.id;
}
