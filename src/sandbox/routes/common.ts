/** Small helpers every resource's routes use. */
import { nowIso, ownerName } from '../context.js';
import type { RequestContext } from '../context.js';
import type { TestRun } from '../domain/setup-tests.js';
import { paginate, parsePageRequest } from '../pagination.js';
import type { Page } from '../pagination.js';
import type { JsonObject } from '../state/types.js';
import { assertValidBody, coerceBooleans, objectBody, withoutNulls } from '../validation.js';

/**
 * The request body, checked against the definition's request schema for this operation (string
 * booleans coerced first unless strict); `required` rejects a missing body.
 */
export function validBody(ctx: RequestContext, required = false): JsonObject {
  const body = coerceBooleans(objectBody(ctx.body, required), ctx.sandbox.options.strictBooleans);
  assertValidBody(ctx.method, ctx.specTemplate, body);
  return withoutNulls(body);
}

/** Setup-test run settings from a body's trust flags. */
export function testRun(ctx: RequestContext, body: JsonObject): TestRun {
  return {
    trustCertificates: body.trust_certificates === true,
    trustFingerprints: body.trust_fingerprints === true,
    by: ownerName(ctx),
    at: nowIso(ctx),
    newId: () => ctx.sandbox.ids.next(),
  };
}

/** One page (from the request's `cursor`/`limit`) of a list, rendered; O(limit). */
export function pageOf<S, T>(ctx: RequestContext, items: readonly S[], render: (item: S) => T): Page<T> {
  return paginate(items, parsePageRequest(ctx.query), render);
}
