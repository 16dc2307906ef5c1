import type { BadInputCase } from '../support/bad-input-case.js';

/**
 * Workflow files and includes that are hostile or broken in ways test/workflow/invalid/ does not
 * cover (that corpus has syntax errors, duplicate keys, an alias bomb, unknown fields, bad
 * expressions, missing steps and vars, `uses:` cycles and `..` escapes). Each is refused before
 * anything is sent: exit 2, the exact message.
 */

const STEP = '  - id: a\n    set: { v: 1 }\n';
const valid = (extra = ''): string => `name: w\nsteps:\n${STEP}${extra}`;
/** A line too long to show whole: the excerpt keeps 157 characters and `...`, the caret stops there. */
const cutLine = (line: string): string => `${line.slice(0, 157)}...`;

const deepFlow = `name: w\nsteps:\n  - id: a\n    set: { v: ${'['.repeat(10_000)}${']'.repeat(10_000)} }\n`;
const deepMaps = `name: w\nsteps:\n  - id: a\n    set: { v: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)} }\n`;
const include = 'name: part\nsteps:\n  - id: s\n    set: { v: 1 }\n';

export const workflowFileCases: BadInputCase[] = [
  {
    name: 'a workflow nested 10 000 levels deep (flow lists) is named at its 257th level, whatever the stack',
    bin: true,
    files: { 'wf.yml': deepFlow },
    args: ['wf.yml'],
    exit: 2,
    // Levels 1-4 are the document, the steps list, the step and `{ v: }`; the lists start at column 15.
    stderr: `wf.yml:4:267: YAML is nested more than 256 levels deep\n4 | ${cutLine(deepFlow.split('\n')[3]!)}\n${' '.repeat(164)}^\n  hint: flatten the structure\n1 problem found; nothing was sent.\n`,
  },
  {
    name: 'a workflow nested 10 000 levels deep (flow mappings)',
    files: { 'wf.yml': deepMaps },
    args: ['wf.yml'],
    exit: 2,
    stderr: `wf.yml:4:1023: YAML is nested more than 256 levels deep\n4 | ${cutLine(deepMaps.split('\n')[3]!)}\n${' '.repeat(164)}^\n  hint: flatten the structure\n1 problem found; nothing was sent.\n`,
  },
  {
    name: 'a workflow over the 1 MiB size limit is refused before it is read',
    files: { 'wf.yml': { size: 2 * 1024 * 1024 } },
    args: ['wf.yml'],
    exit: 2,
    stderr: "atlas-run: 'wf.yml' is 2097152 bytes; workflow files are limited to 1048576 bytes\n",
  },
  {
    name: 'a binary file given as a workflow',
    bin: true,
    files: { 'wf.yml': Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256) },
    args: ['wf.yml'],
    exit: 2,
    stderr: "atlas-run: 'wf.yml' is not valid UTF-8\nhint: save the file as UTF-8\n",
  },
  {
    name: 'a workflow saved as Latin-1',
    files: { 'wf.yml': Buffer.from('name: caf\xe9\nsteps:\n  - id: a\n    set: { v: 1 }\n', 'latin1') },
    args: ['wf.yml'],
    exit: 2,
    stderr: "atlas-run: 'wf.yml' is not valid UTF-8\nhint: save the file as UTF-8\n",
  },
  {
    name: 'a directory given as the workflow',
    files: { 'flows.yml': { dir: true } },
    args: ['flows.yml'],
    exit: 2,
    stderr: "atlas-run: cannot read 'flows.yml': not a file\nhint: give the path of a workflow file\n",
  },
  {
    name: 'a workflow that does not exist',
    args: ['missing.yml'],
    exit: 2,
    stderr: "atlas-run: cannot read 'missing.yml': no such file\nhint: check the path; workflows usually live in workflows/\n",
  },
  {
    name: 'terminal control sequences in a workflow are printed spelled out, never sent to the terminal',
    bin: true,
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    "\x1b]0;owned\x07\x1b[2J": 1\n' },
    args: ['wf.yml'],
    exit: 2,
    stderr:
      "wf.yml:4:5: unknown step type '\\x1B]0;owned\\x07\\x1B[2J'\n4 |     \"\\x1B]0;owned\\x07\\x1B[2J\": 1\n        ^\n" +
      '  hint: expected one of: filter, set, assert, sync, exec, export, print, wait, resync, test, certificates, request, rewrite-sql, list, schema, read, create, update, delete, get\n' +
      '1 problem found; nothing was sent.\n',
  },
  {
    name: 'an alias inside the value its anchor names (a cycle, not a bomb)',
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    set: &loop { v: *loop }\n' },
    args: ['wf.yml'],
    exit: 2,
    stderr:
      "wf.yml:4:21: YAML alias *loop refers to the value that contains it\n4 |     set: &loop { v: *loop }\n                        ^\n  hint: an alias can repeat a value defined before it, not one it is part of\n1 problem found; nothing was sent.\n",
  },
  {
    name: 'YAML 1.1 merge keys are not read as merges but named as unknown fields',
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    <<: { continue_on_error: true }\n    set: { v: 1 }\n' },
    args: ['wf.yml'],
    exit: 2,
    stderr:
      "wf.yml:4:5: unknown step field '<<'\n4 |     <<: { continue_on_error: true }\n        ^\n" +
      '  hint: expected one of: id, name, with, when, foreach, as, key, concurrency, retry, continue_on_error, max_failures, outputs, always, filter, set, assert, sync, exec, export, print, wait, resync, test, certificates, request, rewrite-sql, list, schema, read, create, update, delete, get\n' +
      '1 problem found; nothing was sent.\n',
  },
  {
    name: 'a second YAML document in the file',
    files: { 'wf.yml': `${valid()}---\nname: other\n` },
    args: ['wf.yml'],
    exit: 2,
    stderr: 'wf.yml:5:1: YAML syntax error: a second document starts here (---); the file must hold one document\n5 | ---\n    ^\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'a language-specific tag (!!js/function) is not resolved into anything',
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    set: !!js/function "function () {}"\n' },
    args: ['wf.yml'],
    exit: 2,
    stderr: 'wf.yml:4:10: YAML syntax error: Unresolved tag: tag:yaml.org,2002:js/function\n4 |     set: !!js/function "function () {}"\n             ^\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'an expression over the length limit',
    files: { 'wf.yml': `name: w\nsteps:\n  - id: a\n    set: { v: "\${{ ${'1 + '.repeat(2000)}1 }}" }\n` },
    args: ['wf.yml'],
    exit: 2,
    // The message quotes the start of the expression only.
    stderr: `wf.yml:4:20: expression is longer than 4096 characters in '${'1 + '.repeat(39)}1 +…'\n4 | ${cutLine(`    set: { v: "\${{ ${'1 + '.repeat(2000)}1 }}" }`)}\n                       ^\n  hint: compute parts in earlier steps, or split it\n1 problem found; nothing was sent.\n`,
  },
  {
    name: "uses: through a symbolic link that points outside the workflow's directory",
    bin: true,
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    uses: linked.yml\n', 'linked.yml': { link: '<root>/outside/part.yml' }, '../outside/part.yml': include },
    args: ['wf.yml'],
    exit: 2,
    stderr:
      "wf.yml:4:11: 'uses: linked.yml' leaves the workflow's directory\n4 |     uses: linked.yml\n              ^\n  hint: include files next to the workflow or below it (or allow the directory with --root)\n1 problem found; nothing was sent.\n",
  },
  {
    name: 'uses: an absolute path outside the workflow directory',
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    uses: <root>/outside/part.yml\n', '../outside/part.yml': include },
    args: ['wf.yml'],
    exit: 2,
    stderr:
      "wf.yml:4:11: 'uses: <root>/outside/part.yml' leaves the workflow's directory\n4 |     uses: <root>/outside/part.yml\n              ^\n  hint: include files next to the workflow or below it (or allow the directory with --root)\n1 problem found; nothing was sent.\n",
  },
  {
    name: 'uses: a directory (inside an allowed root) is named at the step',
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    uses: parts\n', 'parts/p.yml': include },
    args: ['wf.yml'],
    exit: 2,
    stderr: "wf.yml:4:11: cannot read 'parts': not a file\n4 |     uses: parts\n              ^\n  hint: give the path of a workflow file\n1 problem found; nothing was sent.\n",
  },
  {
    name: 'an include that is not valid UTF-8 is named at the uses: that reads it',
    files: { 'wf.yml': 'name: w\nsteps:\n  - id: a\n    uses: part.yml\n', 'part.yml': Buffer.from('name: p\xe4rt\nsteps: []\n', 'latin1') },
    args: ['wf.yml'],
    exit: 2,
    stderr: "wf.yml:4:11: 'part.yml' is not valid UTF-8\n4 |     uses: part.yml\n              ^\n  hint: save the file as UTF-8\n1 problem found; nothing was sent.\n",
  },
];
