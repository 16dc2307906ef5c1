import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { HttpMethod } from '../../api/client-types.js';
import { UsageError } from '../../errors.js';
import { closest } from '../../util/suggest.js';
import type { CliIO } from '../io.js';
import { jsonErrorPosition, parseItems } from '../items.js';
import { parseCallFlags } from './call-flags.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const USAGE_HINT = "usage: atlas-run call METHOD ENDPOINT [items…]; see 'atlas-run call --help'";

/** One `call`, fully understood before anything is sent. */
export interface CallRequest {
  method: HttpMethod;
  endpoint: string;
  body?: unknown;
  query: Record<string, string>;
  all: boolean;
  idempotent: boolean;
  verbose: boolean;
  sandbox: boolean;
}

/** Parses the command line (and reads `--data @file` or `-`); every mistake is a UsageError. */
export async function parseCallRequest(args: readonly string[], io: CliIO): Promise<CallRequest> {
  const { flags, positionals } = parseCallFlags(args);
  const [rawMethod, endpoint, ...items] = positionals;
  if (rawMethod === undefined || endpoint === undefined) {
    throw new UsageError(rawMethod === undefined ? 'missing METHOD and ENDPOINT' : 'missing ENDPOINT', { hint: USAGE_HINT });
  }
  const method = parseMethod(rawMethod);
  const parsed = parseItems(items);
  const query = mergeQuery(parsed.query, flags.query);
  let body: unknown = parsed.body;
  if (flags.data !== undefined) {
    if (body !== undefined) {
      throw new UsageError('conflicting body sources: --data and body items', { hint: 'put every field in --data, or use items only' });
    }
    body = await readData(flags.data, io);
  }
  if (body !== undefined && (method === 'GET' || method === 'DELETE')) {
    throw new UsageError(`${method} sends no body`, { hint: 'use key==value items or --query for query parameters' });
  }
  if (flags.all && method !== 'GET') throw new UsageError(`--all pages through a list, so it needs GET, not ${method}`, { hint: USAGE_HINT });
  return {
    method,
    endpoint,
    ...(body === undefined ? {} : { body }),
    query,
    all: flags.all,
    idempotent: flags.idempotent,
    verbose: flags.verbose,
    sandbox: flags.sandbox,
  };
}

function parseMethod(raw: string): HttpMethod {
  const upper = raw.toUpperCase();
  if ((METHODS as readonly string[]).includes(upper)) return upper as HttpMethod;
  const near = closest(upper, METHODS);
  throw new UsageError(`unknown method '${raw}'`, { hint: near ? `did you mean '${near}'?` : `use one of ${METHODS.join(', ')}` });
}

function mergeQuery(fromItems: Record<string, string>, fromFlags: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(fromFlags)) {
    if (Object.hasOwn(fromItems, name)) throw new UsageError(`query parameter '${name}' is given twice`, { hint: 'give each parameter once' });
  }
  return { ...fromItems, ...fromFlags };
}

/** Largest body `--data` reads from a file or stdin: far above any Fivetran request, far below harm. */
const MAX_DATA_BYTES = 16 * 1024 * 1024;

/** `--data '<json>'`, `--data @file.json` or `--data -` (stdin). */
async function readData(source: string, io: CliIO): Promise<unknown> {
  let content: string;
  let origin: string;
  if (source === '-') {
    content = await readStdin(io.stdin);
    origin = 'stdin';
  } else if (source.startsWith('@')) {
    origin = source.slice(1);
    content = await readDataFile(origin, io.cwd);
  } else {
    content = source;
    origin = '--data';
  }
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new UsageError(`${origin} is not valid JSON${jsonErrorPosition(error)}`, { hint: "e.g. --data '{\"paused\": true}'" });
  }
}

/** A `--data @file`: inside the current directory (links followed), a regular file, at most MAX_DATA_BYTES. */
async function readDataFile(given: string, cwd: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(resolve(cwd, given));
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new UsageError(`cannot read --data file '${given}' (${code})`, { hint: 'give a path relative to the current directory' });
  }
  const root = await realpath(cwd);
  const rel = relative(root, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new UsageError(`refusing to read --data file '${given}': it is outside the current directory`, { hint: 'to send a file from elsewhere, use --data - < FILE' });
  }
  const info = await stat(real);
  if (!info.isFile()) throw new UsageError(`cannot read --data file '${given}': not a file`, { hint: 'give the path of a JSON file' });
  if (info.size > MAX_DATA_BYTES) throw new UsageError(`--data file '${given}' is ${info.size} bytes; a body is limited to ${MAX_DATA_BYTES} bytes`);
  return readFile(real, 'utf8');
}

/** Standard input as text, refused once it grows past MAX_DATA_BYTES. */
async function readStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_DATA_BYTES) throw new UsageError(`--data - read more than ${MAX_DATA_BYTES} bytes from stdin; a body is limited to that`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
