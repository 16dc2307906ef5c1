/**
 * A request the sandbox refuses, answered in Fivetran's error envelope `{code, message}`. Handlers
 * throw it; the server turns it into the response.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** 400 `InvalidInput`, the code Fivetran uses for every validation failure. */
export function invalidInput(message: string): HttpProblem {
  return new HttpProblem(400, 'InvalidInput', message);
}

/** 404 with Fivetran's per-entity code, e.g. `NotFound_Connection`. */
export function notFound(entity: string, id: string): HttpProblem {
  return new HttpProblem(404, `NotFound_${entity}`, `${entity} with id '${id}' not found`);
}

/** 409 `Conflict`. */
export function conflict(message: string): HttpProblem {
  return new HttpProblem(409, 'Conflict', message);
}
