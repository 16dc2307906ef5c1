import type { BadInputCase, CaseFile } from '../support/bad-input-case.js';

/**
 * SQL files and mapping files given to `rewrite-sql` (with a mapping file only, so no API is
 * involved). A bad SQL file is skipped with its reason and the command exits 1; a path outside the
 * allowed directories or a bad mapping file stops it before anything is read or written (exit 2).
 */
const MAPPING = 'schemas:\n  crm:\n    tables:\n      Accounts: accounts\n';
const SQL = 'select id from crm.Accounts;\n';
const rewrite = (...files: string[]): string[] => ['rewrite-sql', '--mapping', 'names.yml', '--dry-run', ...files];
const withMapping = (files: Record<string, CaseFile>): Record<string, CaseFile> => ({ 'names.yml': MAPPING, ...files });
const DIALECT = 'dialect ansi (default (no connection to infer it from))\n';

export const sqlFileCases: BadInputCase[] = [
  {
    name: 'a SQL file that is not UTF-8 is skipped, not rewritten with replacement characters',
    files: withMapping({ 'q.sql': Buffer.from('select caf\xe9 from crm.Accounts;\n', 'latin1') }),
    args: rewrite('q.sql'),
    exit: 1,
    stderr: `${DIALECT}q.sql: skipped: not valid UTF-8, skipped\n0 files, nothing to rewrite; 1 skipped\n`,
  },
  {
    name: 'a SQL file over the 10 MiB limit is skipped before it is read',
    files: withMapping({ 'q.sql': { size: 11 * 1024 * 1024 } }),
    args: rewrite('q.sql'),
    exit: 1,
    stderr: `${DIALECT}q.sql: skipped: 11534336 bytes is over the 10485760-byte limit, skipped\n0 files, nothing to rewrite; 1 skipped\n`,
  },
  {
    name: 'a SQL file outside the working directory',
    files: withMapping({ '../outside/q.sql': SQL }),
    args: rewrite('../outside/q.sql'),
    exit: 2,
    stderr: "atlas-run: refusing to read '../outside/q.sql': <root>/outside/q.sql is outside the allowed directories\nhint: allowed: <work>\n",
  },
  {
    name: 'a SQL file that is a symbolic link to a file outside',
    bin: true,
    files: withMapping({ 'q.sql': { link: '<root>/outside/q.sql' }, '../outside/q.sql': SQL }),
    args: rewrite('q.sql'),
    exit: 2,
    stderr: "atlas-run: refusing to read 'q.sql': <work>/q.sql is outside the allowed directories\nhint: allowed: <work>\n",
  },
  {
    name: 'a glob that reaches outside the working directory',
    files: withMapping({ '../outside/q.sql': SQL }),
    args: rewrite('../outside/*.sql'),
    exit: 2,
    stderr: "atlas-run: refusing to read '../outside/*.sql': <root>/outside is outside the allowed directories\nhint: allowed: <work>\n",
  },
  {
    name: 'an output directory outside the working directory',
    files: withMapping({ 'q.sql': SQL }),
    args: ['rewrite-sql', '--mapping', 'names.yml', '--out', '../outside/rewritten', 'q.sql'],
    exit: 2,
    stderr: "atlas-run: refusing to write to <root>/outside/rewritten: it is outside the allowed directories\nhint: allowed: <work>\n",
  },
  {
    name: 'a mapping file outside the working directory',
    files: { 'q.sql': SQL, '../outside/names.yml': MAPPING },
    args: ['rewrite-sql', '--mapping', '../outside/names.yml', '--dry-run', 'q.sql'],
    exit: 2,
    stderr: 'atlas-run: mapping file <root>/outside/names.yml: outside the allowed directories\n',
  },
  {
    name: 'a mapping file with a YAML syntax error',
    files: { 'q.sql': SQL, 'names.yml': 'schemas: [crm\n' },
    args: rewrite('q.sql'),
    exit: 2,
    stderr: 'names.yml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]\n1 problem found; nothing was sent.\n',
  },
  {
    name: 'a mapping file over the size limit',
    files: { 'q.sql': SQL, 'names.yml': { size: 11 * 1024 * 1024 } },
    args: rewrite('q.sql'),
    exit: 2,
    stderr: 'atlas-run: mapping file <work>/names.yml: 11534336 bytes is over the 10485760-byte limit\n',
  },
];
