import type { Reporter, RunEvent } from './events.js';

/** `--json`: every event as one line of JSON, with the time it happened. */
export function createJsonReporter(out: { write(text: string): unknown }, now: () => number = Date.now): Reporter {
  return (event: RunEvent) => {
    out.write(`${JSON.stringify({ time: new Date(now()).toISOString(), ...event })}\n`);
  };
}

/** Sends every event to each reporter in turn. */
export function fanOutReporter(...reporters: readonly Reporter[]): Reporter {
  return (event) => {
    for (const reporter of reporters) reporter(event);
  };
}
