import { createClient } from '../../api/client.js';
import { createRedactor, basicCredential, secretValuesIn } from '../../redact.js';
import { createEventPrinter } from '../call/call-events.js';
import { parseCallRequest, type CallRequest } from '../call/call-request.js';
import { formatJson, isClosedPipe, styleFor, writeChunk } from '../call/json-output.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { resolveTarget, type Target } from '../target.js';

const HELP = `Usage: atlas-run call METHOD ENDPOINT [items…] [options]

Send one request to the Fivetran API and print the answer as JSON: pretty and coloured on a terminal,
one line when piped. Legacy 'connectors' paths are rewritten to 'connections' (with a warning).

Items (HTTPie style):
  key=value          body field; true/false/True/False → boolean, integers → number, null → null
  key:=<json>        body field from raw JSON, e.g. scope:='{"public": ["orders"]}'
  key==value         query parameter
  a.b.c=value        dotted keys build nested objects; escape a literal dot as a\\.b

Options:
  -d, --data <json>  the whole body as JSON; @file.json reads a file, - reads stdin
  -q, --query k=v    a query parameter (repeatable)
      --all          GET every page of a list and print each item (one JSON per line when piped)
      --idempotent   this POST is safe to re-send after a 5xx or a dropped connection
  -v, --verbose      print the request (credentials masked) and its timing to stderr
      --sandbox      send to a fresh in-process sandbox instead of the real API
  -h, --help         show this help

Credentials: FIVETRAN_API_KEY and FIVETRAN_API_SECRET; FIVETRAN_API_URL overrides the API root
(default https://api.fivetran.com/v1).

Exit codes: 0 success · 1 the API or the network failed · 2 usage error (nothing was sent).

Examples:
  atlas-run call GET connections/brisk_lantern
  atlas-run call PATCH connectors/brisk_lantern paused=True          sends {"paused": true} to /v1/connections/brisk_lantern
  atlas-run call PATCH connections/brisk_lantern config.port=5433 sync_frequency=60
  atlas-run call POST connections/brisk_lantern/resync scope:='{"public": ["orders"]}'
  atlas-run call POST groups --data @group.json
  atlas-run call GET groups/hollow_quarry/connections --all | jq -r .id
  atlas-run call GET connections limit==10 --sandbox
`;

const command: Command = {
  help: HELP,
  async run(args, io) {
    const request = await parseCallRequest(args, io);
    const target = await resolveTarget({ sandbox: request.sandbox }, io);
    try {
      await send(request, target, io);
      return 0;
    } finally {
      await target.sandbox?.stop();
    }
  },
};

export default command;

/** Sends the call and prints the envelope, or streams every item with --all. */
async function send(request: CallRequest, target: Target, io: CliIO): Promise<void> {
  if (request.verbose) io.stderr.write(`* target: ${target.label}\n`);
  const client = createClient({
    apiKey: target.apiKey,
    apiSecret: target.apiSecret,
    baseUrl: target.baseUrl,
    onEvent: createEventPrinter(io.stderr, request.verbose),
  });
  // The API never has a reason to echo our credential; if it ever does, it is not printed.
  const redactor = createRedactor();
  redactor.add(target.apiSecret);
  redactor.add(basicCredential(target.apiKey, target.apiSecret));
  // Passwords sent in the body are masked too, should an error message quote the body back.
  for (const secret of secretValuesIn(request.body)) redactor.add(secret);
  const style = styleFor(io.stdout, io.env);
  const print = (value: unknown): Promise<void> => writeChunk(io.stdout, `${redactor.redactText(formatJson(value, style))}\n`);
  try {
    if (request.all) {
      for await (const item of client.paginate(request.endpoint, { query: request.query, signal: io.signal })) await print(item);
      return;
    }
    const response = await client.request(request.method, request.endpoint, {
      query: request.query,
      ...(request.body === undefined ? {} : { body: request.body }),
      idempotent: request.idempotent,
      signal: io.signal,
    });
    await print({ code: response.code, ...(response.message === undefined ? {} : { message: response.message }), ...(response.data === undefined ? {} : { data: response.data }) });
  } catch (error) {
    // The reader has all it wanted (`| head`): stop reading pages, as a shell tool stops on SIGPIPE.
    if (isClosedPipe(error)) return;
    // The message may quote what the API echoed back, the body with its password included.
    if (error instanceof Error) error.message = redactor.redactText(error.message);
    throw error;
  } finally {
    await client.close();
  }
}
