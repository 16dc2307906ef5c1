import { createInterface } from 'node:readline/promises';
import type { Confirm } from '../engine/engine-options.js';
import type { CliIO } from './io.js';

/** True when a person can answer a question: both stdin and stderr are terminals. */
export function canAsk(io: CliIO): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true;
}

/** Asks on the terminal before a destructive step, listing what it will affect; only `y`/`yes` proceeds. */
export function terminalConfirm(io: CliIO): Confirm {
  return async ({ step, action, items }) => {
    const shown = items.slice(0, 20).map((key) => `  - ${key}`).join('\n');
    const more = items.length > 20 ? `\n  … and ${items.length - 20} more` : '';
    io.stderr.write(`\nStep '${step}' will run ${action} on ${items.length} item${items.length === 1 ? '' : 's'}:\n${shown}${more}\n`);
    const rl = createInterface({ input: io.stdin, output: io.stderr });
    try {
      const answer = await rl.question('Proceed? [y/N] ', { signal: io.signal });
      return /^y(es)?$/i.test(answer.trim());
    } catch {
      return false;
    } finally {
      rl.close();
    }
  };
}
