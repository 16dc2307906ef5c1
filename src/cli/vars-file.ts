import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, WorkflowError } from '../errors.js';
import { YamlSource } from '../workflow/yaml-source.js';

/** Largest vars file read; vars are a handful of names, not data. */
const MAX_VARS_FILE_BYTES = 256 * 1024;

/** Reads and parses a `--vars-file` (shared by `run` and `validate`); a bad file is a UsageError or WorkflowError. */
export function readVarsFile(file: string, cwd: string): YamlSource {
  let text: string;
  try {
    const bytes = readFileSync(resolve(cwd, file));
    if (bytes.length > MAX_VARS_FILE_BYTES) throw new UsageError(`vars file '${file}' is larger than ${MAX_VARS_FILE_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read vars file '${file}'`, { hint: 'check the path given to --vars-file' });
  }
  const parsed = YamlSource.parse(file, text);
  if (!parsed.source) throw new WorkflowError(parsed.issues);
  return parsed.source;
}
