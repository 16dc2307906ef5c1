/** Fivetran's success envelope `{code: "Success", message?, data?}` and the reply type of handlers. */
import type { Page } from '../pagination.js';

/** What a handler answers; the server serialises it. */
export interface Reply {
  status: number;
  body: unknown;
}

/** 200 with `data` (and a message when Fivetran sends one). */
export function ok(data: unknown, message?: string): Reply {
  return { status: 200, body: message === undefined ? { code: 'Success', data } : { code: 'Success', message, data } };
}

/** 201 with `data`; Fivetran's `code` is `Success` on creates too. */
export function created(data: unknown, message: string): Reply {
  return { status: 201, body: { code: 'Success', message, data } };
}

/** 200 with a message and no `data` (deletes, sync triggers, revokes). */
export function done(message: string): Reply {
  return { status: 200, body: { code: 'Success', message } };
}

/** 200 with one page of a list. */
export function listed<T>(page: Page<T>, message?: string): Reply {
  return ok(page, message);
}
