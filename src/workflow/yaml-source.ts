import { LineCounter, Parser, isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { SourceIssue } from '../errors.js';
import { printable } from '../util/printable.js';

/** A path into a parsed YAML value: keys and sequence indexes. */
export type ValuePath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** Input files are read whole; anything bigger than this is not a runbook. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** An alias may be expanded this many times in total: enough for real reuse, fatal for "billion laughs". */
const MAX_ALIAS_COUNT = 100;
/** Nesting named when the parser runs out of stack on a file: far beyond any runbook, well within any stack. */
export const MAX_YAML_DEPTH = 256;

/**
 * A parsed YAML file that still knows where every value came from, so any problem found later
 * (schema, expression, reference) can be reported as `file:line:col` with a caret excerpt.
 */
export class YamlSource {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  private readonly doc: Document.Parsed;
  private readonly lines: LineCounter;

  private constructor(file: string, text: string, doc: Document.Parsed, lines: LineCounter, value: unknown) {
    this.file = file;
    this.text = text;
    this.doc = doc;
    this.lines = lines;
    this.value = value;
  }

  /** Parses `text`; syntax errors, duplicate keys and alias bombs come back as issues, not exceptions. */
  static parse(file: string, text: string): { source?: YamlSource; issues: SourceIssue[] } {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
    const issues: SourceIssue[] = [];
    const at = (offset: number): Position => {
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    };
    // The parser recurses, so where it ran out of stack depends on the stack: name the same place every time.
    const tooDeep = (): { issues: SourceIssue[] } => ({
      issues: [makeIssue(file, text, at(firstTooDeepOffset(text) ?? 0), `YAML is nested more than ${MAX_YAML_DEPTH} levels deep`, 'flatten the structure')],
    });
    if (doc.errors.some((error) => isStackOverflow(error.message))) return tooDeep();
    let syntaxReported = false;
    for (const error of [...doc.errors, ...doc.warnings]) {
      // Duplicate keys are independent of each other; after a syntax error the parser misreads what
      // follows, so the errors after the first one are echoes of it and would only mislead.
      if (error.code !== 'DUPLICATE_KEY' && syntaxReported) continue;
      syntaxReported ||= error.code !== 'DUPLICATE_KEY';
      const quote = unclosedQuoteAt(error.code, error.message, text, error.pos[0]);
      const pos = at(quote ?? error.pos[0]);
      issues.push(makeIssue(file, text, pos, yamlMessage(error.code, error.message), quote === undefined ? yamlHint(error.code) : 'this string is never closed: add the matching quote'));
    }
    if (issues.length > 0) return { issues };
    try {
      const cycle = selfReferencingAlias(doc);
      if (cycle) return { issues: [makeIssue(file, text, at(cycle.offset), `YAML alias *${cycle.name} refers to the value that contains it`, 'an alias can repeat a value defined before it, not one it is part of')] };
      const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      return { source: new YamlSource(file, text, doc, lines, value), issues };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (isStackOverflow(message)) return tooDeep();
      // Point at the first alias: the expansion that blew up starts there, not at the top of the file.
      const position = at(firstAliasOffset(doc) ?? 0);
      return {
        issues: [makeIssue(file, text, position, `YAML cannot be expanded: ${message}`, `aliases may be expanded at most ${MAX_ALIAS_COUNT} times in a workflow`)],
      };
    }
  }

  /** Where the value at `path` starts (or its nearest existing ancestor). */
  valueAt(path: ValuePath): Position {
    return this.offsetToPosition(this.nodeAt(path)?.range?.[0] ?? 0);
  }

  /** Where the key of the entry at `path` starts, falling back to the value. */
  keyAt(path: ValuePath): Position {
    const pair = this.pairAt(path);
    const key = pair && isScalar(pair.key) ? pair.key : undefined;
    return key?.range ? this.offsetToPosition(key.range[0]) : this.valueAt(path);
  }

  /**
   * Where the text of a string scalar at `path` starts, plus how its characters map to columns:
   * plain and quoted scalars on one line map 1:1 (quoted ones shifted past the quote).
   */
  stringStartAt(path: ValuePath): Position {
    const node = this.nodeAt(path);
    if (!node || !isScalar(node) || !node.range) return this.valueAt(path);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return this.offsetToPosition(node.range[0] + (quoted ? 1 : 0));
  }

  /** Builds an issue located at a value (or at its key, for unknown-key style problems). */
  issue(path: ValuePath, message: string, options: { hint?: string; at?: 'key' | 'value'; position?: Position } = {}): SourceIssue {
    const position = options.position ?? (options.at === 'key' ? this.keyAt(path) : this.valueAt(path));
    return makeIssue(this.file, this.text, position, message, options.hint);
  }

  private offsetToPosition(offset: number): Position {
    const pos = this.lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  private nodeAt(path: ValuePath): Node | undefined {
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      const next = childOf(node, segment);
      if (next === undefined) break;
      node = next;
    }
    return node as Node | undefined;
  }

  private pairAt(path: ValuePath): Pair | undefined {
    if (path.length === 0) return undefined;
    const parent = this.nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;
    return parent.items.find((pair) => isPair(pair) && isScalar(pair.key) && pair.key.value === last);
  }
}

function childOf(node: unknown, segment: string | number): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof segment === 'number') return node.items[segment];
  return undefined;
}

function isStackOverflow(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
}

/** The parser's syntax tree, as far as walking it needs: collections hold items with keys and values. */
interface CstNode {
  type?: string;
  offset?: number;
  value?: unknown;
  items?: { key?: unknown; value?: unknown }[];
}

const CST_COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Where the first collection deeper than MAX_YAML_DEPTH starts, found without recursion (the lexer does not recurse). */
function firstTooDeepOffset(text: string): number | undefined {
  for (const token of new Parser().parse(text)) {
    const pending: [CstNode, number][] = [[token as CstNode, 0]];
    while (pending.length > 0) {
      const [node, depth] = pending.pop()!;
      const inner = CST_COLLECTIONS.has(node.type ?? '') ? depth + 1 : depth;
      if (inner > MAX_YAML_DEPTH) return node.offset;
      const children = [...(node.items ?? []).flatMap((item) => [item.key, item.value]), node.value];
      for (const child of children.reverse()) if (child !== null && typeof child === 'object') pending.push([child as CstNode, inner]);
    }
  }
  return undefined;
}

/** An alias inside the value its anchor names (`a: &a [*a]`): expanding it never ends, so it is refused. */
function selfReferencingAlias(doc: Document.Parsed): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_key, node) {
      const target = node.resolve(doc);
      const [start] = node.range ?? [];
      if (start === undefined || !target?.range || start < target.range[0] || start >= target.range[2]) return undefined;
      found = { name: node.source, offset: start };
      return visit.BREAK;
    },
  });
  return found;
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * The parser reports an unclosed quote where the file ends; the quote that opened the string (the
 * last unescaped one before that point) is where the user has to look.
 */
function unclosedQuoteAt(code: string, message: string, text: string, offset: number): number | undefined {
  const quote = code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(message)?.[1] : undefined;
  if (!quote) return undefined;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    const escaped = quote === '"' ? text[i - 1] === '\\' : text[i - 1] === "'";
    if (!escaped) return i;
    if (quote === "'") i -= 1;
  }
  return undefined;
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${message.replace(/^Map keys must be unique.*$/, 'a key appears twice in the same mapping')}`;
  // The parser's own advice names a library function; say what the user can change instead.
  if (code === 'MULTIPLE_DOCS') return 'YAML syntax error: a second document starts here (---); the file must hold one document';
  return `YAML syntax error: ${message.split('\n')[0]}`;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'YAML keeps only one of them; remove or rename the other';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and the quotes of this line';
    default:
      return undefined;
  }
}

/** Formats one issue with the source line and a caret under the column. */
export function makeIssue(file: string, text: string, position: Position, message: string, hint?: string): SourceIssue {
  const lineText = text.split(/\r?\n/)[position.line - 1] ?? '';
  const cut = lineText.length > 160 ? `${lineText.slice(0, 157)}...` : lineText;
  // Control characters are spelled out (a file must not drive the terminal); the caret follows the longer text.
  const shown = printable(cut);
  const gutter = `${position.line} | `;
  const caretPad = ' '.repeat(gutter.length + printable(cut.slice(0, Math.max(0, Math.min(position.column - 1, cut.length)))).length);
  const excerpt = `${gutter}${shown}\n${caretPad}^`;
  return { file, line: position.line, column: position.column, message, excerpt, ...(hint ? { hint } : {}) };
}
