import type { BadInputCase, CaseFile } from '../support/bad-input-case.js';

/** Vars of every type, one of them secret, so each way of giving a value can be given a wrong one. */
const WORKFLOW = `name: vars
vars:
  count: { type: integer, default: 1 }
  dry: { type: boolean, default: false }
  filters: { type: object, default: {} }
  region: { type: string, enum: [eu, us], default: eu }
  pin: { type: integer, secret: true, default: 0 }
steps:
  - id: show
    print: "\${{ vars.count }}"
`;

/** A value that must never be printed: it is given to a secret var. */
const SECRET = 'Pin-canary-5518';

const NOTHING_SENT = 'hint: nothing was sent\n';
const withVarsFile = (content: CaseFile): Record<string, CaseFile> => ({ 'wf.yml': WORKFLOW, 'vars.yml': content });
const deepVars = `count: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`;

export const varsCases: BadInputCase[] = [
  {
    name: '--var for a var the workflow does not declare, with the nearest name',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'cuont=3'],
    exit: 2,
    stderr: "atlas-run: --var cuont: the workflow declares no var 'cuont' (did you mean 'count'?)\n" + NOTHING_SENT,
  },
  {
    name: '--var with a word for an integer',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'count=many'],
    exit: 2,
    stderr: "atlas-run: --var count: expected an integer, got 'many'\n" + NOTHING_SENT,
  },
  {
    name: '--var with an integer past 2^53 (it would silently round)',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'count=9007199254740993'],
    exit: 2,
    stderr: "atlas-run: --var count: expected an integer, got '9007199254740993'\n" + NOTHING_SENT,
  },
  {
    name: '--var with "maybe" for a boolean',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'dry=maybe'],
    exit: 2,
    stderr: "atlas-run: --var dry: expected true or false, got 'maybe'\n" + NOTHING_SENT,
  },
  {
    name: '--var with malformed JSON for an object',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'filters={"paused": tru'],
    exit: 2,
    stderr: 'atlas-run: --var filters: expected a JSON object, got \'{"paused": tru\'\n' + NOTHING_SENT,
  },
  {
    name: '--var outside an enum',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'region=mars'],
    exit: 2,
    stderr: "atlas-run: --var region must be one of eu, us, got string 'mars'\n" + NOTHING_SENT,
  },
  {
    name: '--var without a value',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'count'],
    exit: 2,
    stderr: "atlas-run: --var expects name=value, got 'count'\nhint: e.g. --var target_group=warehouse_new\n",
  },
  {
    name: 'a secret var given a value of the wrong type: the value is not echoed',
    bin: true,
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', `pin=${SECRET}`],
    exit: 2,
    stderr: 'atlas-run: --var pin: expected an integer, got a value that is not shown (the var is secret)\n' + NOTHING_SENT,
  },
  {
    name: 'ATLAS_VAR_<name> of the wrong type, several problems reported at once',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--var', 'dry=perhaps'],
    env: { ATLAS_VAR_count: 'ten', ATLAS_VAR_pin: SECRET },
    exit: 2,
    stderr:
      "atlas-run: ATLAS_VAR_count: expected an integer, got 'ten'\n--var dry: expected true or false, got 'perhaps'\n" +
      'ATLAS_VAR_pin: expected an integer, got a value that is not shown (the var is secret)\nhint: 3 problems with vars; nothing was sent\n',
  },
  {
    name: 'a required var nobody gave',
    files: { 'wf.yml': 'name: req\nvars:\n  group: { type: string, required: true, description: the group to work on }\nsteps:\n  - id: a\n    print: "${{ vars.group }}"\n' },
    args: ['wf.yml'],
    exit: 2,
    stderr: "atlas-run: missing required var 'group' (the group to work on): pass --var group=…, set it in --vars-file, or export ATLAS_VAR_group\n" + NOTHING_SENT,
  },
  {
    name: 'a vars file with a YAML syntax error',
    files: withVarsFile('count: [1\n'),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: 'vars.yml:2:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]\n2 | \n    ^\n  hint: check the indentation and the quotes of this line\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'a vars file giving a word to an integer var',
    files: withVarsFile('count: many\n'),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: "vars.yml:1:8: var 'count' expected an integer, got 'many'\n1 | count: many\n           ^\n1 problem found; nothing was sent.\n",
  },
  {
    name: "a vars file setting a secret var wrongly: neither the value nor its line is printed",
    files: withVarsFile(`pin: ${SECRET}\n`),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: "vars.yml:1:6: var 'pin' expected an integer, got a value that is not shown (the var is secret)\n1 problem found; nothing was sent.\n",
  },
  {
    name: 'a vars file naming a var the workflow does not declare',
    files: withVarsFile('regoin: eu\n'),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: "vars.yml:1:1: the workflow declares no var 'regoin'\n1 | regoin: eu\n    ^\n  hint: did you mean 'region'?\n1 problem found; nothing was sent.\n",
  },
  {
    name: 'a vars file that is a list, not a mapping',
    files: withVarsFile('- count\n- 3\n'),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: 'vars.yml:1:1: a vars file must be a mapping of var names to values\n1 | - count\n    ^\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'a vars file setting a var twice',
    files: withVarsFile('count: 1\ncount: 2\n'),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: 'vars.yml:2:1: duplicate key: a key appears twice in the same mapping\n2 | count: 2\n    ^\n  hint: YAML keeps only one of them; remove or rename the other\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'a vars file that is an alias bomb',
    files: withVarsFile(
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
    ),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr:
      'vars.yml:2:8: YAML cannot be expanded: Excessive alias count indicates a resource exhaustion attack\n2 | b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n           ^\n  hint: aliases may be expanded at most 100 times in a workflow\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'a vars file nested 5 000 levels deep',
    files: withVarsFile(deepVars),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: `vars.yml:1:263: YAML is nested more than 256 levels deep\n1 | ${deepVars.slice(0, 157)}...\n${' '.repeat(164)}^\n  hint: flatten the structure\n1 problem found; nothing was sent.\n`,
  },
  {
    name: 'a vars file over its 256 KiB limit is refused before it is read',
    bin: true,
    files: withVarsFile({ size: 1024 * 1024 }),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: "atlas-run: vars file 'vars.yml' is larger than 262144 bytes\n",
  },
  {
    name: 'a binary vars file',
    files: withVarsFile(Uint8Array.from({ length: 256 }, (_, i) => 255 - i)),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: "atlas-run: vars file 'vars.yml' is not valid UTF-8\nhint: save the file as UTF-8\n",
  },
  {
    name: 'a directory given as the vars file',
    files: withVarsFile({ dir: true }),
    args: ['wf.yml', '--vars-file', 'vars.yml'],
    exit: 2,
    stderr: "atlas-run: vars file 'vars.yml' is not a file\nhint: give the path of a YAML file\n",
  },
  {
    name: 'a vars file that does not exist',
    files: { 'wf.yml': WORKFLOW },
    args: ['wf.yml', '--vars-file', 'nope.yml'],
    exit: 2,
    stderr: "atlas-run: cannot read vars file 'nope.yml'\nhint: check the path given to --vars-file\n",
  },
];
