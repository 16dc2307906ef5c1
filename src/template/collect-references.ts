/**
 * Static analysis of one parsed expression: which context variables it reads (with the field path, so
 * a validator can check `steps.<id>` and `vars.<name>` before anything runs) and which functions it calls.
 * Names bound by macros (`items.filter(x, x.paused)`, `cel.bind(v, …)`) are not context reads.
 */
import type { CelNode } from './cel-ast.js';
import { syntaxChildren } from './cel-ast.js';

/** A read of a context variable, at `offset` in the source. */
export interface FoundReference {
  readonly root: string;
  /** Field names after the root, up to the first computed or numeric index. */
  readonly path: readonly string[];
  readonly offset: number;
}

/** A function or method call, at `offset` (the name) in the source. */
export interface FoundCall {
  readonly name: string;
  /** True for `x.name(…)`, false for `name(…)`. */
  readonly method: boolean;
  readonly offset: number;
}

/** Macros whose first argument names a per-element variable. */
const ITERATION_MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Walks `root`; `isConstant` tells names the environment defines itself (int, string, cel…). */
export function collectReferences(
  root: CelNode,
  source: string,
  isConstant: (name: string) => boolean,
): { references: FoundReference[]; calls: FoundCall[] } {
  const references: FoundReference[] = [];
  const calls: FoundCall[] = [];

  const walk = (node: CelNode, bound: ReadonlySet<string>): void => {
    switch (node.op) {
      case 'id': {
        const name = node.args as string;
        if (!bound.has(name) && !isConstant(name)) references.push({ root: name, path: [], offset: node.start });
        return;
      }
      case '.':
      case '[]':
        walkAccess(node, bound);
        return;
      case 'call':
        calls.push({ name: (node.args as [string])[0], method: false, offset: node.start });
        break;
      case 'rcall':
        if (walkMethod(node, bound)) return;
        break;
    }
    for (const child of syntaxChildren(node)) walk(child, bound);
  };

  /** `a.b["c"][i].d`: one reference to a with path [b, c]; `i` walked on its own. */
  const walkAccess = (node: CelNode, bound: ReadonlySet<string>): void => {
    const segments: Array<string | CelNode> = [];
    let base = node;
    while (base.op === '.' || base.op === '[]') {
      const [inner, key] = base.args as [CelNode, string | CelNode];
      segments.unshift(key);
      base = inner;
    }
    const path: string[] = [];
    let pathOpen = true;
    for (const segment of segments) {
      const literal = typeof segment === 'string' ? segment : stringLiteral(segment);
      if (pathOpen && literal !== undefined) path.push(literal);
      else pathOpen = false;
      if (typeof segment !== 'string') walk(segment, bound);
    }
    if (base.op === 'id' && !bound.has(base.args as string) && !isConstant(base.args as string)) {
      references.push({ root: base.args as string, path, offset: base.start });
    } else if (base.op !== 'id') {
      walk(base, bound);
    }
  };

  /** Records the call; handles macros that bind names. Returns true when it walked the children itself. */
  const walkMethod = (node: CelNode, bound: ReadonlySet<string>): boolean => {
    const [name, receiver, args] = node.args as [string, CelNode, CelNode[]];
    const nameOffset = source.indexOf(name, receiver.end);
    calls.push({ name, method: true, offset: nameOffset >= 0 ? nameOffset : node.start });
    const [first, ...rest] = args;
    if (ITERATION_MACROS.has(name) && first?.op === 'id') {
      walk(receiver, bound);
      const inner = new Set(bound).add(first.args as string);
      for (const arg of rest) walk(arg, inner);
      return true;
    }
    if (name === 'bind' && receiver.op === 'id' && receiver.args === 'cel' && first?.op === 'id' && rest.length === 2) {
      walk(rest[0]!, bound);
      walk(rest[1]!, new Set(bound).add(first.args as string));
      return true;
    }
    return false;
  };

  walk(root, new Set());
  const bySource = (a: { offset: number }, b: { offset: number }): number => a.offset - b.offset;
  return { references: references.sort(bySource), calls: calls.sort(bySource) };
}

function stringLiteral(node: CelNode): string | undefined {
  return node.op === 'value' && typeof node.args === 'string' ? node.args : undefined;
}
