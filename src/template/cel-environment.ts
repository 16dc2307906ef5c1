import { Environment } from '@marcbachmann/cel-js';
import { methodSignature } from './functions/define.js';
import { FUNCTION_DEFINITIONS } from './functions/function-table.js';
import { PARSER_LIMITS } from './limits.js';

/**
 * The one CEL environment every expression compiles in. Variables are not declared: the context
 * decides them and the workflow validator checks them through `references()`. Mixed-type list and
 * map literals are allowed because JSON data is mixed.
 */
export const celEnvironment = createEnvironment();

/** Every function and method name CEL will accept, for "unknown function" checks and suggestions. */
export const KNOWN_FUNCTION_NAMES: ReadonlySet<string> = new Set(celEnvironment.getDefinitions().functions.map((f) => f.name));

function createEnvironment(): Environment {
  const environment = new Environment({
    unlistedVariablesAreDyn: true,
    homogeneousAggregateLiterals: false,
    enableOptionalTypes: false,
    limits: PARSER_LIMITS,
  });
  for (const definition of FUNCTION_DEFINITIONS) {
    for (const { signature, handler, method } of definition.overloads) {
      environment.registerFunction(signature, handler);
      if (method) environment.registerFunction(methodSignature(signature), handler);
    }
  }
  return environment;
}
