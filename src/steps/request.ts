import { formatQuery } from '../api/index.js';
import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import type { StepContext } from './define-step.js';
import { booleanInput } from './ops/inputs.js';
import { maskedPath, parseRequestLine, queryInput, requestLine } from './ops/raw-request.js';
import type { RawRequest } from './ops/raw-request.js';

interface RequestInputs {
  request: string;
  body?: unknown;
  query?: unknown;
  all?: boolean;
}

interface RequestOutputs {
  data: unknown;
  items: unknown[] | null;
  count: number | null;
  detail: string;
}

async function read(ctx: StepContext, { path }: RawRequest, inputs: RequestInputs): Promise<RequestOutputs> {
  const query = queryInput(inputs.query);
  if (inputs.body !== undefined) throw new StepError('a GET request takes no body');
  if (booleanInput(inputs.all, 'all', false)) {
    const items: unknown[] = [];
    for await (const item of ctx.client.paginate(path, { query, signal: ctx.signal })) items.push(item);
    return { data: null, items, count: items.length, detail: `GET ${path}: ${items.length} item${items.length === 1 ? '' : 's'}` };
  }
  const data = await ctx.client.get(path, query, { signal: ctx.signal });
  return { data, items: null, count: null, detail: `GET ${path}` };
}

async function write(ctx: StepContext, { method, path }: RawRequest, inputs: RequestInputs): Promise<RequestOutputs> {
  if (inputs.all !== undefined) throw new StepError("'all' pages through a list: it only applies to GET");
  const masked = maskedPath(inputs.body);
  if (masked) throw new StepError(`body field ${masked} is '******', a secret masked by the API: give the real value (e.g. \${{ secret('NAME') }})`);
  const [kind = 'request', id] = path.replace(/^\/+/, '').replace(/^v1\//, '').split(/[/?]/);
  const data = await ctx.write({
    method: method as Exclude<typeof method, 'GET'>,
    path: `${path}${formatQuery(queryInput(inputs.query))}`,
    target: { kind, ...(id ? { id } : {}) },
    ...(inputs.body === undefined ? {} : { body: inputs.body }),
  });
  return { data: data ?? null, items: null, count: null, detail: `${method} ${path}` };
}

/** The raw escape hatch: one call through the same client (retries, rate limits, masking, legacy paths). */
export const requestStep = defineStep<RequestInputs, RequestOutputs>({
  type: 'request',
  summary: 'send one raw API request (the escape hatch for what no step covers)',
  main: 'request',
  inputs: {
    type: 'object',
    properties: {
      request: { type: 'string', description: '"METHOD path", e.g. "GET connections/abc" or "POST connections/abc/schemas/reload"' },
      body: { description: 'JSON body of a POST, PATCH, PUT or DELETE' },
      query: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: 'query parameters' },
      all: { type: 'boolean', default: false, description: 'GET a list and follow every page; the items land in `items`' },
    },
    required: ['request'],
    additionalProperties: false,
  },
  outputs: {
    data: 'the answer\'s data (null with all)',
    items: 'with all: every item of every page',
    count: 'with all: how many items',
  },
  // The method is read from the line as written (`PATCH connections/${{ item.id }}`); a templated method could be anything, so it counts as the worst case.
  effect: (inputs, written) => {
    const method = parseRequestLine(inputs.request)?.method ?? literalMethod(written?.request);
    return method === 'GET' ? 'read' : method === undefined || method === 'DELETE' ? 'delete' : 'write';
  },
  destructive: (inputs, written) => {
    const method = parseRequestLine(inputs.request)?.method ?? literalMethod(written?.request);
    return method === 'DELETE' || (inputs.request === undefined && 'request' in inputs && method === undefined);
  },
  example: `- id: types
  request: GET metadata/connector-types
  with: { all: true }
- id: reload
  request: POST connections/brisk_lantern/schemas/reload
  with:
    body: { exclude_mode: PRESERVE }`,
  async run(ctx, inputs) {
    const line = requestLine(inputs.request);
    return line.method === 'GET' ? read(ctx, line, inputs) : write(ctx, line, inputs);
  },
});

/** The method of a request line whose path is templated, when the method itself is written literally. */
function literalMethod(line: unknown): string | undefined {
  const match = typeof line === 'string' ? /^\s*(GET|POST|PATCH|PUT|DELETE)\s+[^$\s]/.exec(line) : null;
  return match?.[1];
}
