import type { ClientEvent } from '../api/index.js';
import type { Reporter } from '../report/events.js';

/** Forwards what the API client tells (requests, retries, rate-limit waits) to the run's reporters. */
export function clientEventsTo(report: Reporter): (event: ClientEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'request':
        report({
          type: 'request',
          ...(event.tags.step ? { step: event.tags.step } : {}),
          method: event.method,
          path: event.path,
          status: event.status,
          duration_ms: event.durationMs,
          attempt: event.attempt,
          ...(event.error ? { error: event.error } : {}),
        });
        return;
      case 'retry':
        report({ type: 'retry', ...(event.tags.step ? { step: event.tags.step } : {}), method: event.method, path: event.path, attempt: event.attempt, delay_ms: event.delayMs, reason: event.reason });
        return;
      case 'rate-limit-wait':
        report({ type: 'rate-limit-wait', ...(event.tags.step ? { step: event.tags.step } : {}), delay_ms: event.delayMs, traffic_class: event.trafficClass });
        return;
      case 'warning':
        report({ type: 'warning', message: event.message });
        return;
      case 'send':
        return;
    }
  };
}
