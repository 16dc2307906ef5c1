import type { BadInputCase } from '../support/bad-input-case.js';

/**
 * Expressions that only fail once the run has values: each failure names the file, line and
 * column of the expression and quotes it, so the user can find it. The item steps go on after a
 * failure (continue_on_error) so one run shows them all; a step that cannot even start (its
 * `when` or `foreach` fails) fails the run: exit 1.
 */
const VARS = `vars:
  zero: { type: integer, default: 0 }
  settings: { type: object, default: {} }
  word: { type: string, default: abc }
`;

const ITEMS = `name: expressions
${VARS}steps:
  - id: divide
    set: { ratio: "\${{ 10 / vars.zero }}" }
    continue_on_error: true
  - id: missing_key
    print: "region \${{ vars.settings.region }}"
    continue_on_error: true
  - id: convert
    print: "\${{ int(vars.word) + 1 }}"
    continue_on_error: true
  - id: condition
    when: \${{ vars.settings.enabled }}
    print: never
`;

const FOREACH = `name: expressions
${VARS}steps:
  - id: loop
    foreach: \${{ vars.word }}
    print: "\${{ item }}"
`;

export const runTimeExpressionCases: BadInputCase[] = [
  {
    name: 'division by zero, a missing key, a failed conversion and a condition on a missing key',
    bin: true,
    files: { 'wf.yml': ITEMS },
    args: ['wf.yml', '--json'],
    exit: 1,
    runErrors: [
      "wf.yml:8:24: division by zero in '10 / vars.zero'",
      "wf.yml:11:38: no such key 'region' in 'vars.settings.region'\n  hint: use has(vars.settings.region) or default(vars.settings.region, …) when it may be absent",
      "wf.yml:14:17: int() type error: cannot convert to int in 'int(vars.word) + 1'",
      "wf.yml:17:29: no such key 'enabled' in 'vars.settings.enabled'\n  hint: use has(vars.settings.enabled) or default(vars.settings.enabled, …) when it may be absent",
    ],
  },
  {
    name: 'a foreach that gives text instead of a list',
    files: { 'wf.yml': FOREACH },
    args: ['wf.yml', '--json'],
    exit: 1,
    runErrors: ["wf.yml:8:18: foreach must give a list, got string in 'vars.word'"],
  },
];
