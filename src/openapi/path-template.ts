/**
 * Matching concrete request paths (`/v1/connections/abc`) against OpenAPI path templates
 * (`/v1/connections/{connectionId}`) with a segment trie: cost grows with the number of segments, not
 * with the number of templates. Literal segments win over parameters (`schemas/reload` is not a
 * schema named "reload"), with backtracking when a literal branch leads nowhere.
 */

interface Leaf<T> {
  template: string;
  paramNames: string[];
  value: T;
}

interface TrieNode<T> {
  literals: Map<string, TrieNode<T>>;
  param: TrieNode<T> | undefined;
  /** By upper-case HTTP method. */
  leaves: Map<string, Leaf<T>>;
}

interface Search<T> {
  verb: string;
  values: string[];
  found: { leaf: Leaf<T>; values: string[] } | undefined;
  firstPathMatch: TrieNode<T> | undefined;
}

export type TemplateMatch<T> =
  | { kind: 'found'; template: string; params: Record<string, string>; value: T }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

function newNode<T>(): TrieNode<T> {
  return { literals: new Map(), param: undefined, leaves: new Map() };
}

const PARAM = /^\{([^}]+)\}$/;

/** A set of `METHOD template` routes, each carrying a value (a handler, an operation…). */
export class PathTemplates<T> {
  private readonly root: TrieNode<T> = newNode();

  /** Registers `template` (e.g. `/v1/groups/{groupId}`) for `method`. Throws on duplicates. */
  add(method: string, template: string, value: T): void {
    let node = this.root;
    const paramNames: string[] = [];
    for (const segment of template.split('/').filter(Boolean)) {
      const param = PARAM.exec(segment);
      if (param) {
        paramNames.push(param[1] as string);
        node = node.param ??= newNode();
      } else {
        let next = node.literals.get(segment);
        if (!next) node.literals.set(segment, (next = newNode()));
        node = next;
      }
    }
    const verb = method.toUpperCase();
    if (node.leaves.has(verb)) throw new Error(`duplicate route ${verb} ${template}`);
    node.leaves.set(verb, { template, paramNames, value });
  }

  /**
   * Finds the route for already split and decoded path segments. A branch that has the path but not
   * the method does not hide another branch that has both (PATCH `schemas/reload` patches a schema
   * named "reload" if no literal route takes PATCH there).
   */
  match(method: string, segments: readonly string[]): TemplateMatch<T> {
    const verb = method.toUpperCase();
    const search: Search<T> = { verb, values: [], found: undefined, firstPathMatch: undefined };
    this.walk(this.root, segments, 0, search);
    if (search.found) {
      const { leaf, values } = search.found;
      const params: Record<string, string> = {};
      leaf.paramNames.forEach((name, i) => (params[name] = values[i] as string));
      return { kind: 'found', template: leaf.template, params, value: leaf.value };
    }
    if (search.firstPathMatch) return { kind: 'method-not-allowed', allowed: [...search.firstPathMatch.leaves.keys()] };
    return { kind: 'not-found' };
  }

  /** Depth-first, literals before parameters; stops at the first node that has the method. */
  private walk(node: TrieNode<T>, segments: readonly string[], index: number, search: Search<T>): boolean {
    if (index === segments.length) {
      if (node.leaves.size === 0) return false;
      search.firstPathMatch ??= node;
      const leaf = node.leaves.get(search.verb);
      if (leaf) search.found = { leaf, values: [...search.values] };
      return leaf !== undefined;
    }
    const segment = segments[index] as string;
    const literal = node.literals.get(segment);
    if (literal && this.walk(literal, segments, index + 1, search)) return true;
    if (node.param) {
      search.values.push(segment);
      const found = this.walk(node.param, segments, index + 1, search);
      search.values.pop();
      if (found) return true;
    }
    return false;
  }
}

/**
 * Splits a URL path (no query string) into decoded segments. A trailing slash and empty segments are
 * ignored, as real clients send `connectors/`. Returns undefined when a segment is not valid
 * percent-encoding.
 */
export function splitPath(pathname: string): string[] | undefined {
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    if (!raw.includes('%')) {
      segments.push(raw);
      continue;
    }
    try {
      segments.push(decodeURIComponent(raw));
    } catch {
      return undefined;
    }
  }
  return segments;
}
