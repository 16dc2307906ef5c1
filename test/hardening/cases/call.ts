import type { BadInputCase } from '../support/bad-input-case.js';

/** A value that must never be printed: it sits in a body field named like a secret. */
const PASSWORD = 'Hunter-canary-7741';

const CALL_HELP = "hint: see 'atlas-run call --help'\n";

export const callCases: BadInputCase[] = [
  {
    name: '--data that is not JSON: the position, never the text',
    args: ['call', 'POST', 'groups', '--data', `{"name": "g", "password": ${PASSWORD}}`],
    exit: 2,
    stderr: 'atlas-run: --data is not valid JSON\nhint: e.g. --data \'{"paused": true}\'\n',
  },
  {
    name: '--data - with malformed JSON on stdin',
    args: ['call', 'POST', 'groups', '--data', '-'],
    stdin: '{"name": ',
    exit: 2,
    stderr: 'atlas-run: stdin is not valid JSON\nhint: e.g. --data \'{"paused": true}\'\n',
  },
  {
    name: '--data @file that does not exist',
    args: ['call', 'POST', 'groups', '--data', '@body.json'],
    exit: 2,
    stderr: "atlas-run: cannot read --data file 'body.json' (ENOENT)\nhint: give a path relative to the current directory\n",
  },
  {
    name: '--data @file outside the current directory',
    bin: true,
    files: { '../outside/body.json': '{"name": "g"}' },
    args: ['call', 'POST', 'groups', '--data', '@../outside/body.json'],
    exit: 2,
    stderr: "atlas-run: refusing to read --data file '../outside/body.json': it is outside the current directory\nhint: to send a file from elsewhere, use --data - < FILE\n",
  },
  {
    name: '--data @file through a symbolic link that points outside',
    files: { 'body.json': { link: '<root>/outside/body.json' }, '../outside/body.json': '{"name": "g"}' },
    args: ['call', 'POST', 'groups', '--data', '@body.json'],
    exit: 2,
    stderr: "atlas-run: refusing to read --data file 'body.json': it is outside the current directory\nhint: to send a file from elsewhere, use --data - < FILE\n",
  },
  {
    name: '--data @file over the 16 MiB body limit is refused before it is read',
    files: { 'body.json': { size: 17 * 1024 * 1024 } },
    args: ['call', 'POST', 'groups', '--data', '@body.json'],
    exit: 2,
    stderr: "atlas-run: --data file 'body.json' is 17825792 bytes; a body is limited to 16777216 bytes\n",
  },
  {
    name: '--data @directory',
    files: { bodies: { dir: true } },
    args: ['call', 'POST', 'groups', '--data', '@bodies'],
    exit: 2,
    stderr: "atlas-run: cannot read --data file 'bodies': not a file\nhint: give the path of a JSON file\n",
  },
  {
    name: 'an item with malformed JSON: the value is not echoed',
    bin: true,
    args: ['call', 'PATCH', 'connections/c1', `config:={"password": "${PASSWORD}"`],
    exit: 2,
    stderr: "atlas-run: item 'config:=…' is not valid JSON (at position 33)\nhint: quote it for the shell, e.g. config:='{\"port\": 5432}'\n",
  },
  {
    name: 'an item reaching for the prototype',
    args: ['call', 'PATCH', 'connections/c1', '__proto__.paused=true'],
    exit: 2,
    stderr: "atlas-run: item '__proto__.paused=…' uses the reserved key '__proto__'\nhint: rename the key or send the body with --data\n",
  },
  {
    name: 'the same field given twice',
    args: ['call', 'PATCH', 'connections/c1', 'paused=true', 'paused=false'],
    exit: 2,
    stderr: "atlas-run: 'paused' is given twice\nhint: give each key once\n",
  },
  {
    name: 'body items and --data together',
    args: ['call', 'PATCH', 'connections/c1', 'paused=true', '--data', '{}'],
    exit: 2,
    stderr: 'atlas-run: conflicting body sources: --data and body items\nhint: put every field in --data, or use items only\n',
  },
  {
    name: 'a body on a GET',
    args: ['call', 'GET', 'groups', 'name=x'],
    exit: 2,
    stderr: 'atlas-run: GET sends no body\nhint: use key==value items or --query for query parameters\n',
  },
  {
    name: 'an unknown HTTP method, with the nearest',
    args: ['call', 'PTACH', 'connections/c1'],
    exit: 2,
    stderr: "atlas-run: unknown method 'PTACH'\nhint: did you mean 'PATCH'?\n",
  },
  {
    name: 'an unknown option, with the nearest',
    args: ['call', 'GET', 'groups', '--al'],
    exit: 2,
    stderr: "atlas-run: unknown option '--al' for 'call'\nhint: did you mean '--all'?; " + CALL_HELP.slice('hint: '.length),
  },
];
