import type { ClientEvent } from '../../api/client-types.js';
import type { OutputStream } from '../io.js';

/**
 * Turns client events into stderr lines: warnings and retries always (a silent 30 s wait looks like a
 * hang), the request and its timing with `--verbose`. Events arrive already redacted.
 */
export function createEventPrinter(stderr: OutputStream, verbose: boolean): (event: ClientEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'warning':
        stderr.write(`atlas-run: warning: ${event.message}\n`);
        return;
      case 'retry':
        stderr.write(`atlas-run: ${event.method} ${event.path}: ${event.reason}; retrying in ${seconds(event.delayMs)} (attempt ${event.attempt})\n`);
        return;
      case 'rate-limit-wait':
        if (verbose || event.delayMs >= 1000) stderr.write(`atlas-run: waiting ${seconds(event.delayMs)} for the ${event.trafficClass} rate limit\n`);
        return;
      case 'send':
        if (!verbose) return;
        stderr.write(`> ${event.method} ${event.url}${event.attempt > 1 ? `  (attempt ${event.attempt})` : ''}\n`);
        for (const [name, value] of Object.entries(event.headers)) stderr.write(`> ${name}: ${value}\n`);
        if (event.body !== undefined) stderr.write(`>\n> ${JSON.stringify(event.body)}\n`);
        return;
      case 'request':
        if (!verbose) return;
        stderr.write(`< ${event.status ?? event.error ?? 'no answer'} ${event.method} ${event.path} in ${Math.round(event.durationMs)} ms\n`);
        return;
    }
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
