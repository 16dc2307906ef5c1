import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, WorkflowError } from '../errors.js';
import { YamlSource } from '../workflow/yaml-source.js';

/** Largest vars file read; vars are a handful of names, not data. */
const MAX_VARS_FILE_BYTES = 256 * 1024;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and parses a `--vars-file` (shared by `run` and `validate`); a bad file is a UsageError or WorkflowError. */
export function readVarsFile(file: string, cwd: string): YamlSource {
  const path = resolve(cwd, file);
  const unreadable = (): UsageError => new UsageError(`cannot read vars file '${file}'`, { hint: 'check the path given to --vars-file' });
  let bytes: Buffer;
  try {
    // Size and kind first: a huge file, a directory or a device is refused without reading it.
    const info = statSync(path);
    if (!info.isFile()) throw new UsageError(`vars file '${file}' is not a file`, { hint: 'give the path of a YAML file' });
    if (info.size > MAX_VARS_FILE_BYTES) throw new UsageError(`vars file '${file}' is larger than ${MAX_VARS_FILE_BYTES} bytes`);
    bytes = readFileSync(path);
  } catch (error) {
    throw error instanceof UsageError ? error : unreadable();
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    throw new UsageError(`vars file '${file}' is not valid UTF-8`, { hint: 'save the file as UTF-8' });
  }
  const parsed = YamlSource.parse(file, text);
  if (!parsed.source) throw new WorkflowError(parsed.issues);
  return parsed.source;
}
