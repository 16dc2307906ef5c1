/**
 * `stateFile`: the state is saved on stop and loaded on the next start. Secrets are masked in the
 * file, like everywhere else the state leaves the process; nothing the sandbox does reads them back.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StateSnapshot } from './state/types.js';

/** The saved state, or undefined when the file does not exist yet. Throws on a file that is not one. */
export function loadState(file: string): StateSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateSnapshot> | null;
  if (parsed?.version !== 1 || !Array.isArray(parsed.connections) || !Array.isArray(parsed.groups)) {
    throw new Error(`${file} is not a sandbox state file (version 1)`);
  }
  return parsed as StateSnapshot;
}

/** Writes the state atomically (temp file, then rename), readable by the owner only. */
export function saveState(file: string, snapshot: StateSnapshot): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(snapshot), { mode: 0o600 });
  renameSync(temp, file);
}
