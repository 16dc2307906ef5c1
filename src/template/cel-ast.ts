/**
 * The parts of @marcbachmann/cel-js's AST this module relies on, typed in one place. `meta` (how a node
 * evaluates, and the expansion of a macro) is not in the library's published types; tests in
 * test/template cover every use, so a library upgrade that changes it fails loudly.
 */
import type { ASTNode } from '@marcbachmann/cel-js';

/** The library's evaluator, as node evaluation functions receive it. */
export interface CelEvaluator {
  run(node: CelNode, context: unknown): unknown;
}

export type EvaluateNode = (evaluator: CelEvaluator, node: CelNode, context: unknown) => unknown;

export interface MacroState {
  evaluate: (evaluator: CelEvaluator, macro: MacroState, context: unknown) => unknown;
}

export interface NodeMeta {
  readonly evaluate: EvaluateNode;
  /** The node that really runs: a macro's comprehension, or a constant's value. */
  readonly alternate?: CelNode;
  /** A custom macro's state (has(), cel.bind(), default()). */
  readonly macro?: MacroState;
}

export interface CelNode {
  readonly op: string;
  readonly args: unknown;
  /** Offsets into the expression source. `pos` is where an error about this node points. */
  readonly start: number;
  readonly end: number;
  readonly pos: number;
  readonly meta: NodeMeta;
  evaluate: EvaluateNode;
}

/** The library's node, seen through the internal interface above. */
export function asCelNode(node: ASTNode): CelNode {
  return node as unknown as CelNode;
}

/** The library's node type again, for its error constructors. */
export function asAstNode(node: CelNode): ASTNode {
  return node as unknown as ASTNode;
}

/** Children in the written expression (not macro expansions), in source order. */
export function syntaxChildren(node: CelNode): CelNode[] {
  const args = node.args;
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [(args as [CelNode, string])[0]];
    case 'call':
      return [...(args as [string, CelNode[]])[1]];
    case 'rcall': {
      const [, receiver, list] = args as [string, CelNode, CelNode[]];
      return [receiver, ...list];
    }
    case 'map':
      return (args as [CelNode, CelNode][]).flat();
    case '!_':
    case '-_':
      return [args as CelNode];
    default:
      return [...(args as CelNode[])];
  }
}
