/**
 * Validates request and response bodies against the committed subset of Fivetran's definition.
 * Schemas are compiled on first use and cached per operation, status and `service` (the
 * discriminator picks the service's own variant, e.g. `postgres_NewConnectorRequestV1`), so start-up
 * costs nothing and a hot path never compiles twice.
 */
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import { PathTemplates, splitPath } from './path-template.js';
import { loadSubset, refName } from './subset.js';
import type { JsonSchema, OpenApiOperation, OpenApiSubset } from './subset.js';

/** One problem found in a body: where (JSON pointer and dotted field) and a Fivetran-style message. */
export interface ValidationIssue {
  /** JSON pointer into the body, `''` for the body itself. */
  pointer: string;
  /** Dotted path of the offending field, e.g. `config.port`. */
  field: string;
  /** e.g. `Field 'schema' is required`. */
  message: string;
}

const DOCUMENT_ID = 'fivetran-subset';

/** Fivetran's error envelope (CONTRACT §3.3), used for error statuses the definition gives no body for. */
const ERROR_ENVELOPE: JsonSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
  additionalProperties: false,
};

interface Resolved {
  template: string;
  operation: OpenApiOperation;
}

/** Validates bodies for the operations of one OpenAPI subset. */
export class SubsetValidator {
  private readonly ajv: Ajv;
  private readonly templates = new PathTemplates<OpenApiOperation>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly subset: OpenApiSubset = loadSubset()) {
    this.ajv = new Ajv({ allErrors: true, strictTypes: false });
    formats.default(this.ajv);
    // OpenAPI keywords that are not JSON Schema: known to ajv so strict mode accepts them.
    this.ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'security', 'discriminator']);
    this.ajv.addSchema(subset as unknown as JsonSchema, DOCUMENT_ID);
    for (const [template, item] of Object.entries(subset.paths)) {
      for (const [method, operation] of Object.entries(item)) this.templates.add(method, template, operation);
    }
  }

  /** The operation and template a concrete path (`/v1/connections/abc?x=1`) resolves to. */
  resolve(method: string, path: string): Resolved | undefined {
    const segments = splitPath(path.split('?')[0] ?? '');
    if (!segments) return undefined;
    const match = this.templates.match(method, segments);
    return match.kind === 'found' ? { template: match.template, operation: match.value } : undefined;
  }

  /** Issues of a request body; `[]` when valid or when the operation takes no body. */
  validateRequest(method: string, path: string, body: unknown): ValidationIssue[] {
    const resolved = this.resolve(method, path);
    if (!resolved) return [unknownOperation(method, path)];
    const schema = jsonSchemaOf(resolved.operation.requestBody?.content);
    if (!schema) return [];
    const service = serviceOf(body);
    const key = `${method.toUpperCase()} ${resolved.template} request ${service ?? ''}`;
    return this.run(key, () => this.specialise(schema, service), body);
  }

  /**
   * Issues of a response body. Error statuses the definition gives no body schema for are checked
   * against Fivetran's `{code, message}` envelope; an undeclared success status is an issue.
   */
  validateResponse(method: string, path: string, status: number, body: unknown): ValidationIssue[] {
    const resolved = this.resolve(method, path);
    if (!resolved) return [unknownOperation(method, path)];
    const declared = resolved.operation.responses[String(status)];
    const schema = jsonSchemaOf(declared?.content);
    if (!schema) {
      if (status >= 400) return this.run('error-envelope', () => ERROR_ENVELOPE, body);
      return [{ pointer: '', field: '', message: `status ${status} is not declared for ${method.toUpperCase()} ${resolved.template}` }];
    }
    const service = serviceOf(isObject(body) ? body.data : undefined) ?? serviceOf(body);
    const key = `${method.toUpperCase()} ${resolved.template} ${status} ${service ?? ''}`;
    return this.run(key, () => this.specialise(schema, service), body);
  }

  private run(key: string, schema: () => JsonSchema, body: unknown): ValidationIssue[] {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema());
      this.compiled.set(key, validate);
    }
    return validate(body) ? [] : toIssues(validate.errors ?? []);
  }

  /**
   * Rewrites references to a discriminated component into references to the service's variant, so
   * a postgres body is checked against postgres's config. Refs are made absolute to the document.
   */
  private specialise(schema: JsonSchema, service: string | undefined): JsonSchema {
    const schemas = this.subset.components.schemas;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (!isObject(value)) return value;
      const out: JsonSchema = {};
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref') {
          const name = refName(child);
          const mapping = name ? (schemas[name]?.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping : undefined;
          const target = (service !== undefined && mapping?.[service]) || child;
          out.$ref = `${DOCUMENT_ID}${String(target)}`;
        } else {
          out[key] = rewrite(child);
        }
      }
      return out;
    };
    return rewrite(schema) as JsonSchema;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serviceOf(body: unknown): string | undefined {
  return isObject(body) && typeof body.service === 'string' ? body.service : undefined;
}

function jsonSchemaOf(content: Record<string, { schema?: JsonSchema }> | undefined): JsonSchema | undefined {
  return content?.['application/json']?.schema;
}

function unknownOperation(method: string, path: string): ValidationIssue {
  return { pointer: '', field: '', message: `no operation ${method.toUpperCase()} ${path} in the definition` };
}

const ARTICLES: Record<string, string> = {
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
};

function describe(error: ErrorObject): { field: string; message: string } | undefined {
  const segments = error.instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const field = segments.join('.');
  const leaf = segments.at(-1) ?? 'body';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { field: field ? `${field}.${missing}` : missing, message: `Field '${missing}' is required` };
    }
    case 'type': {
      const type = String(params.type).split(',')[0] ?? 'valid';
      if (!field) return { field, message: `Request body must be ${ARTICLES[type] ?? type}` };
      return { field, message: `Field '${leaf}' must be ${ARTICLES[type] ?? type}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).filter((v) => v !== null).join(', ');
      return { field, message: `Field '${leaf}' must be one of: ${allowed}` };
    }
    case 'format':
      return { field, message: `Field '${leaf}' must be a valid ${String(params.format)}` };
    case 'uniqueItems':
      return { field, message: `Field '${leaf}' must not contain duplicate items` };
    case 'additionalProperties':
      return { field, message: `Field '${String(params.additionalProperty)}' is not allowed` };
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return undefined; // the branches' own errors say what is wrong
    default:
      return { field, message: `Field '${leaf}' ${error.message ?? 'is invalid'}` };
  }
}

function toIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const described = describe(error);
    if (!described || seen.has(described.message)) continue;
    seen.add(described.message);
    issues.push({ pointer: error.instancePath, ...described });
  }
  return issues;
}

let shared: SubsetValidator | undefined;

/** The process-wide validator over the committed subset. */
export function subsetValidator(): SubsetValidator {
  shared ??= new SubsetValidator();
  return shared;
}

/** Issues of a request body for `METHOD /v1/concrete/path`; `[]` when valid. */
export function validateRequest(method: string, path: string, body: unknown): ValidationIssue[] {
  return subsetValidator().validateRequest(method, path, body);
}

/** Issues of a response body for `METHOD /v1/concrete/path` answered with `status`; `[]` when valid. */
export function validateResponse(method: string, path: string, status: number, body: unknown): ValidationIssue[] {
  return subsetValidator().validateResponse(method, path, status, body);
}
