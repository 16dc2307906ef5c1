import type { BadInputCase, CaseFile } from '../support/bad-input-case.js';

/**
 * Data files a runbook reads with the `read` step (CSV above all). They are found bad while the run
 * is under way, so the step fails (exit 1) naming the file, line and column — without quoting it —
 * and the steps after it do not run. Nothing is sent: the workflow reads before it writes.
 */
const readWorkflow = (file: string, extra = ''): string => `name: data
steps:
  - id: rows
    read: ${file}${extra}
  - id: after
    print: "\${{ steps.rows.count }} rows"
`;

const reading = (file: string, content: CaseFile, extra = ''): Record<string, CaseFile> => ({ 'wf.yml': readWorkflow(file, extra), [file]: content });
const run = ['wf.yml', '--json'];

export const dataFileCases: BadInputCase[] = [
  {
    name: 'a CSV row with fewer fields than the header',
    bin: true,
    files: reading('hosts.csv', 'name,host\nerp,db1\ncrm\n'),
    args: run,
    exit: 1,
    runErrors: ['hosts.csv:3:1: Invalid Record Length: columns length is 2, got 1'],
  },
  {
    name: 'a CSV quote that is never closed, named where it opens',
    files: reading('hosts.csv', 'name,host\n"erp,db1\ncrm,db2\n'),
    args: run,
    exit: 1,
    runErrors: ['hosts.csv:2:1: Quote Not Closed: the parsing is finished with an opening quote'],
  },
  {
    name: 'a CSV quote closed in the middle of a field',
    files: reading('hosts.csv', 'name,host\n"erp"x,db1\n'),
    args: run,
    exit: 1,
    runErrors: ['hosts.csv:2:1: Invalid Closing Quote: got "x"'],
  },
  {
    name: 'a CSV header naming a column twice (a row would silently lose a field)',
    files: reading('hosts.csv', 'name,host,name\nerp,db1,erp2\n'),
    args: run,
    exit: 1,
    runErrors: ["hosts.csv:1:1: column 'name' appears twice in the header (columns 1 and 3)"],
  },
  {
    name: 'a CSV header with an unnamed column',
    files: reading('hosts.csv', 'name,,host\nerp,x,db1\n'),
    args: run,
    exit: 1,
    runErrors: ['hosts.csv:1:1: column 2 of the header has no name'],
  },
  {
    name: 'a CSV saved as Latin-1 (names would reach the API full of U+FFFD)',
    bin: true,
    files: reading('hosts.csv', Buffer.from('name,host\ncaf\xe9,db1\n', 'latin1')),
    args: run,
    exit: 1,
    runErrors: ["cannot read 'hosts.csv': it is not valid UTF-8; save it as UTF-8"],
  },
  {
    name: 'a CSV over the 64 MiB read limit is refused before it is read',
    files: reading('hosts.csv', { size: 65 * 1024 * 1024 }),
    args: run,
    exit: 1,
    runErrors: ["refusing to read 'hosts.csv': 68157440 bytes is over the 67108864-byte limit"],
  },
  {
    name: 'a CSV outside the folders the run may read',
    files: { 'wf.yml': readWorkflow('../outside/hosts.csv'), '../outside/hosts.csv': 'name\nerp\n' },
    args: run,
    exit: 1,
    runErrors: ["refusing to read '../outside/hosts.csv': it is outside the folders this run may read (<work>)"],
  },
  {
    name: 'a CSV that is a symbolic link to a file outside',
    files: { 'wf.yml': readWorkflow('hosts.csv'), 'hosts.csv': { link: '<root>/outside/hosts.csv' }, '../outside/hosts.csv': 'name\nerp\n' },
    args: run,
    exit: 1,
    runErrors: ["refusing to read 'hosts.csv': it is outside the folders this run may read (<work>)"],
  },
  {
    name: 'a data file that is a directory',
    files: reading('hosts.csv', { dir: true }),
    args: run,
    exit: 1,
    runErrors: ["cannot read 'hosts.csv': not a file"],
  },
  {
    name: 'a data file that does not exist',
    files: { 'wf.yml': readWorkflow('hosts.csv') },
    args: run,
    exit: 1,
    runErrors: ["cannot read 'hosts.csv': no such file"],
  },
  {
    name: 'a data file whose format its name does not tell',
    files: reading('hosts.dat', 'erp\n'),
    args: run,
    exit: 1,
    runErrors: ["cannot tell the format of 'hosts.dat' from its name; set 'format' (csv, json, ndjson, yaml, lines)"],
  },
  {
    name: 'a JSON data file cut off in the middle',
    files: reading('hosts.json', '[{"name": "erp"},\n {"name": "crm"'),
    args: run,
    exit: 1,
    runErrors: ["hosts.json:2:16: Expected ',' or '}' after property value"],
  },
  {
    name: 'an NDJSON line that is not JSON, named by its line',
    files: reading('hosts.ndjson', '{"name": "erp"}\n{"name": "crm"}\n{name: "x"}\n'),
    args: run,
    exit: 1,
    runErrors: ["hosts.ndjson:3:2: Expected property name or '}'"],
  },
  {
    name: 'a JSON data file holding an object, not a list',
    files: reading('hosts.json', '{"hosts": [{"name": "erp"}]}'),
    args: run,
    exit: 1,
    runErrors: ["hosts.json: expected a list, got a mapping; give 'path' to the list inside it"],
  },
  {
    name: 'a YAML data file that is an alias bomb',
    files: reading('hosts.yaml', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n'),
    args: run,
    exit: 1,
    runErrors: ['hosts.yaml:2:8: YAML cannot be expanded: Excessive alias count indicates a resource exhaustion attack'],
  },
  {
    name: 'a YAML data file with a language tag',
    files: reading('hosts.yaml', '- !!js/function "function () {}"\n'),
    args: run,
    exit: 1,
    runErrors: ['hosts.yaml:1:3: YAML syntax error: Unresolved tag: tag:yaml.org,2002:js/function'],
  },
  {
    name: 'a CSV with a byte-order mark, CRLF line ends and quoted commas reads cleanly',
    files: { ...reading('hosts.csv', '\ufeffname,host\r\n"erp, main",db1\r\ncrm,db2\r\n'), 'wf.yml': `${readWorkflow('hosts.csv')}  - id: check\n    assert: \${{ steps.rows.items[0].name == 'erp, main' && steps.rows.items[1].host == 'db2' }}\n` },
    args: run,
    exit: 0,
    runErrors: [],
  },
];
