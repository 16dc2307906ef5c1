/**
 * The SQL rewriting engine: renames source identifiers (schemas, tables, columns) to the names
 * Fivetran writes in the destination. Pure except for `files.ts` / `rewrite-files.ts`.
 *
 * ## How a caller uses it (the `rewrite-sql` step and `atlas-run rewrite-sql`)
 * 1. For each connection: `GET /connections/{id}/schemas` → its `data` is a `schemaConfig`.
 * 2. Optionally narrow the column-list calls: `findReferencedTables(sql, buildMapping({connections}), {dialect})`
 *    gives the mapped tables the files use; intersect with `tablesWithColumnLists(schemaConfig)` and call
 *    `GET …/schemas/{schema}/tables/{table}/columns` for each; pass `{schema, table, columns: data.columns}`
 *    as `tableColumns`. (The schema config lists only columns a user changed; without the full lists, a
 *    column Fivetran renamed by its standard naming is reported as unmapped, not rewritten.)
 * 3. Read override files with `parseMappingOverrides(text, fileName)` (throws `WorkflowError` with line:col).
 * 4. `const mapping = buildMapping({ connections: [{ connectionId, schemaConfig, tableColumns }], overrides })`.
 * 5. Either `rewriteSql(text, mapping, { dialect })` per string, or
 *    `rewriteSqlFiles(paths, mapping, { dialect, roots, dryRun, backupSuffix, maxBytes, outputPath })`
 *    which reads (skipping with a message: outside roots, too large, not UTF-8), rewrites, and returns a
 *    unified diff (`paintDiff` colours it) or writes atomically (temp file + rename, optional backup);
 *    `rewriteReadFile` does the second half for a file the caller already read.
 *    Glob expansion is the caller's job. `src/steps/sql/rewrite-job.ts` does steps 1–5 for the step and
 *    the command.
 *
 * ## Rules
 * - Tokens, not text: string literals, comments and dbt/Jinja blocks (`{{ }}`, `{% %}`, `{# #}`) are never
 *   changed; only whole identifiers are replaced, so `Id` never touches `CreatedById`. Everything else
 *   stays byte-for-byte (whitespace, CRLF, keyword case, comments).
 * - Tables are recognised in FROM/JOIN/INSERT/UPDATE/DELETE/MERGE as `table`, `schema.table` or
 *   `db.schema.table`; the schema may be written with its source name (`public`) or destination name
 *   (`erp_pg_public`). `{{ source('s', 't') }}` is resolved (never edited) so its columns are mapped.
 * - Columns are resolved through aliases (with or without AS), unaliased table names, CTEs and subquery
 *   aliases (a derived column keeps its base column's mapping only when selected unchanged and unaliased),
 *   self-joins, correlated subqueries, `USING (…)` and NATURAL joins (rewritten only when both sides agree).
 * - An unqualified column is rewritten only when exactly one FROM item of its scope is known to have it
 *   (tables absent from the mapping are assumed not to have mapped source columns); several candidates
 *   that would be renamed are reported in `ambiguous` and left alone.
 * - Matching: unquoted names compare case-insensitively; quoted names exactly in Snowflake, Postgres,
 *   Redshift and ANSI, case-insensitively in BigQuery and Databricks. A name already equal to its
 *   destination name is left alone, which makes a second run a no-op.
 * - Output: a quoted identifier stays quoted; an unquoted one is quoted only when the destination name
 *   needs it (reserved word, special characters, a case the dialect folds away). In Snowflake a quoted
 *   Fivetran name is written upper-case (`"ACCOUNT_NUMBER"`), as Snowflake stores it.
 * - `unmapped` lists a table named in a mapped schema but absent from it, and a column of a mapped table
 *   that the mapping does not know when either the table's column list is complete or the name does not
 *   already look like a Fivetran destination name (e.g. `CreatedById`, `Region__c`); `suggestion` gives
 *   Fivetran's standard spelling as a hint. Nothing in `unmapped` is rewritten.
 * - Brackets are not identifier quotes in these dialects: `[x]` is read as the subscript it is, so a name
 *   inside is an ordinary expression (`[AccountNumber]` → `[account_number]` when unambiguous).
 * - Statements other than queries and INSERT/UPDATE/DELETE/MERGE (GRANT, ALTER, COPY…) are passed through;
 *   a query inside one (`CREATE VIEW … AS SELECT`) is rewritten. The view's own name is never touched.
 * - Offsets and columns are UTF-16 code units of the JavaScript string.
 */

export { SQL_DIALECTS, dialectRules, isSqlDialect, type DialectRules, type SqlDialect } from './dialects.js';
export { tokenize } from './tokenizer.js';
export type { Token, TokenKind } from './tokens.js';
export { fivetranStyleName } from './identifiers.js';
export {
  buildMapping,
  tablesWithColumnLists,
  type ConnectionMappingSource,
  type FivetranColumnConfig,
  type FivetranSchemaConfig,
  type FivetranSchemasConfig,
  type FivetranTableConfig,
  type MappedColumn,
  type MappedSchema,
  type MappedTable,
  type MappingInputs,
  type MappingOverrides,
  type SchemaOverride,
  type SqlMapping,
  type TableColumnList,
  type TableOverride,
} from './mapping.js';
export { parseMappingOverrides } from './mapping-overrides.js';
export {
  findReferencedTables,
  rewriteSql,
  type ReferencedTable,
  type RewriteSqlOptions,
  type RewriteSqlResult,
  type SqlAmbiguity,
  type SqlChange,
  type SqlPosition,
  type SqlUnmapped,
  type SqlWarning,
} from './rewrite-sql.js';
export type { RenameKind } from './name-resolver.js';
export { paintDiff, unifiedDiff, type DiffPainter } from './unified-diff.js';
export {
  DEFAULT_MAX_SQL_BYTES,
  ensureDirectoryInside,
  isInsideRoot,
  readSqlFile,
  resolveInsideRoots,
  writeFileAtomic,
  type AtomicWriteResult,
  type ReadSqlFileOptions,
  type SqlFileRead,
  type SqlFileSkipReason,
  type WriteFileAtomicOptions,
} from './files.js';
export { rewriteReadFile, rewriteSqlFiles, type FileRewriteOutcome, type RewriteFilesOptions } from './rewrite-files.js';
