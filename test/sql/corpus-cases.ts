import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMapping, parseMappingOverrides, type ConnectionMappingSource, type SqlDialect, type SqlMapping } from '../../src/sql/index.js';

/** Loads `test/sql/corpus/`: one folder per case (input.sql, expected.sql, case.json), mappings in `_mappings/`. */

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));
const MAPPINGS_DIR = join(CORPUS_DIR, '_mappings');

export interface CorpusCase {
  readonly name: string;
  readonly description: string;
  readonly dialect: SqlDialect | undefined;
  readonly mapping: SqlMapping;
  readonly input: string;
  readonly expected: string;
  readonly ambiguous: readonly string[];
  readonly unmapped: readonly string[];
}

interface CaseFile {
  description: string;
  mapping: string[];
  dialect?: SqlDialect;
  ambiguous?: string[];
  unmapped?: string[];
}

/** A mapping fixture: `<name>.json` holds API-shaped connections, `<name>.overrides.yaml` an optional override file. */
export function loadMappingFixture(names: readonly string[]): SqlMapping {
  const connections: ConnectionMappingSource[] = [];
  const overrides = [];
  for (const name of names) {
    const fixture = JSON.parse(readFileSync(join(MAPPINGS_DIR, `${name}.json`), 'utf8')) as { connections: ConnectionMappingSource[] };
    connections.push(...fixture.connections);
    const overridePath = join(MAPPINGS_DIR, `${name}.overrides.yaml`);
    if (existsSync(overridePath)) overrides.push(parseMappingOverrides(readFileSync(overridePath, 'utf8'), overridePath));
  }
  return buildMapping({ connections, overrides });
}

export function loadCorpus(): CorpusCase[] {
  const mappings = new Map<string, SqlMapping>();
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(CORPUS_DIR, name);
      const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseFile;
      const key = meta.mapping.join('+');
      let mapping = mappings.get(key);
      if (!mapping) {
        mapping = loadMappingFixture(meta.mapping);
        mappings.set(key, mapping);
      }
      return {
        name,
        description: meta.description,
        dialect: meta.dialect,
        mapping,
        input: readFileSync(join(dir, 'input.sql'), 'utf8'),
        expected: readFileSync(join(dir, 'expected.sql'), 'utf8'),
        ambiguous: meta.ambiguous ?? [],
        unmapped: meta.unmapped ?? [],
      };
    });
}
