/**
 * Meters a compiled expression. Every AST node (including macro expansions) gets an `evaluate` that
 * spends work before running and inspects what it produced: strings and collections cost their size,
 * and built ones may not exceed the size limits. CEL's `matches` is rerouted to RE2 here, because the
 * library's own runs on backtracking RegExp and cannot be replaced through its registry.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { asAstNode } from './cel-ast.js';
import type { CelEvaluator, CelNode, EvaluateNode } from './cel-ast.js';
import { collectionSize, knownCollectionSize } from './collection-size.js';
import { MAX_STRING_LENGTH } from './limits.js';
import { spendText, spendWork } from './runtime.js';
import { safeMatches } from './safe-regex.js';

/** Operations that build new values, whose results are measured against the size limits. */
const BUILDERS = new Set(['+', 'call', 'rcall', 'list', 'map', 'comprehension']);
/** A comprehension's accumulator: measured once, when the comprehension returns it. */
const ACCUMULATOR_OPS = new Set(['accuPush', 'accuValue', 'accuInc']);

/** Installs metering on every node reachable from `root`. Call once, after type checking. */
export function instrument(root: CelNode): void {
  const NodeClass = root.constructor;
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof NodeClass) {
      const node = value as CelNode;
      meter(node);
      visit(node.args);
      visit(node.meta.alternate);
      visit(node.meta.macro);
    } else if (Array.isArray(value)) {
      for (const element of value) visit(element);
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      // Comprehension arguments and macro state: plain objects holding further nodes.
      for (const element of Object.values(value)) visit(element);
    }
  };
  visit(root);
}

function meter(node: CelNode): void {
  const { alternate } = node.meta;
  if (alternate) {
    // A macro's expansion or a constant's value runs instead of this node; it is metered itself.
    node.evaluate = (evaluator, _self, context) => alternate.evaluate(evaluator, alternate, context);
    return;
  }
  let run: EvaluateNode | undefined;
  const isBuilder = BUILDERS.has(node.op);
  const isAccumulator = ACCUMULATOR_OPS.has(node.op);
  node.evaluate = (evaluator, self, context) => {
    spendWork(1, asAstNode(node));
    run ??= resolve(node);
    const result = run(evaluator, self, context);
    if (!isAccumulator) measure(node, result, isBuilder);
    return result;
  };
}

/** What the node really does, decided at first evaluation as the library does (type checking may change it). */
function resolve(node: CelNode): EvaluateNode {
  const { macro } = node.meta;
  if (macro) return (evaluator, _self, context) => macro.evaluate(evaluator, macro, context);
  if (isMatchesCall(node)) return evaluateMatches;
  return node.meta.evaluate;
}

function measure(node: CelNode, result: unknown, isBuilder: boolean): void {
  if (typeof result === 'string' || result instanceof Uint8Array) {
    if (isBuilder && result.length > MAX_STRING_LENGTH) {
      throw new EvaluationError({
        code: 'limit_exceeded',
        message:
          typeof result === 'string'
            ? `a string would be longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters`
            : `bytes would be longer than ${MAX_STRING_LENGTH.toLocaleString('en-US')} bytes`,
        node: asAstNode(node),
      });
    }
    if (isBuilder) spendText(result.length, asAstNode(node));
    // Functions scan the text they get: charge big strings and bytes by size (1 unit per KiB).
    if (result.length >= 1024) spendWork(result.length >> 10, asAstNode(node));
  } else if (typeof result === 'object' && result !== null) {
    spendWork(isBuilder ? collectionSize(result) : knownCollectionSize(result), asAstNode(node));
  }
}

function isMatchesCall(node: CelNode): boolean {
  if (node.op !== 'rcall') return false;
  const [name, , args] = node.args as [string, CelNode, CelNode[]];
  return name === 'matches' && args.length === 1;
}

function evaluateMatches(evaluator: CelEvaluator, node: CelNode, context: unknown): boolean {
  const [, receiver, args] = node.args as [string, CelNode, [CelNode]];
  const text = evaluator.run(receiver, context);
  const pattern = evaluator.run(args[0], context);
  if (typeof text === 'string' && typeof pattern === 'string') return safeMatches(text, pattern);
  throw new EvaluationError({
    code: 'no_matching_overload',
    message: `found no matching overload for '${typeName(text)}.matches(${typeName(pattern)})'`,
    node: asAstNode(node),
  });
}

function typeName(value: unknown): string {
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'object' ? 'map' : typeof value;
}
