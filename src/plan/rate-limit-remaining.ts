import type { Dispatcher } from 'undici';

/** The hourly request budget as the last answer reported it. */
export interface HourlyBudget {
  /** `X-Rate-Limit-Remaining`: requests left in the rolling hour. */
  remaining?: number;
  /** `X-Rate-Limit`: the hourly quota. */
  limit?: number;
}

/**
 * An undici interceptor that keeps the `X-Rate-Limit*` headers of the latest answer in `budget`.
 * `plan` composes it onto the dispatcher it hands the client (the client's one transport seam), so
 * the estimate uses what the API said without an extra request.
 */
export function rateLimitObserver(budget: HourlyBudget): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) =>
    dispatch(options, {
      onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
      onRequestUpgrade: (controller, status, headers, socket) => handler.onRequestUpgrade?.(controller, status, headers, socket),
      onResponseStart: (controller, status, headers, message) => {
        const remaining = count(headers['x-rate-limit-remaining']);
        const limit = count(headers['x-rate-limit']);
        if (remaining !== undefined) budget.remaining = remaining;
        if (limit !== undefined) budget.limit = limit;
        handler.onResponseStart?.(controller, status, headers, message);
      },
      onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
      onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
      onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
    });
}

function count(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
