/**
 * Every bound the expression evaluator enforces, in one place. Runbooks are shared between teams and
 * may be hostile (issue 10): whatever an expression says, compiling it and evaluating it must finish
 * quickly and in bounded memory. Each limit is far above what a real workflow needs.
 */

/** Longest expression source, in characters. Expressions are one-liners; more is a mistake or an attack on the parser. */
export const MAX_EXPRESSION_LENGTH = 4096;

/**
 * Structural limits handed to the CEL parser. AST nodes bound compile and type-check work; depth bounds
 * recursion in the parser, checker and evaluator (stack safety); literal sizes and argument counts keep
 * one literal from dominating the node budget.
 */
export const PARSER_LIMITS = {
  maxAstNodes: 1000,
  maxDepth: 32,
  maxListElements: 256,
  maxMapEntries: 256,
  maxCallArguments: 8,
} as const;

/**
 * Work units one evaluation may spend: one per AST node evaluated, one per read of context data
 * (every proxy trap), plus the size of every collection handed on (deep equality and membership walk
 * them). This bounds super-linear work, nested macros over large lists above all, while leaving room
 * for linear work over big outputs: filtering 100,000 items costs about 2.6 million, mapping them to
 * 10-field rows about 9.6 million. Measured on the 2-core machine, hostile expressions (nested macros
 * over a 20,000-item list, deep equality of lists inside a macro) exhaust it in about 1 to 1.5 s.
 */
export const MAX_EVALUATION_WORK = 10_000_000;

/** Longest string (in characters) or bytes value an expression may build (`+`, `replace`, `json`…): stops doubling into gigabytes. */
export const MAX_STRING_LENGTH = 4_000_000;

/**
 * Most text (characters of strings plus bytes) one evaluation may build in total. The per-string limit
 * alone would let a macro build thousands of large strings and exhaust memory; `json()` of a
 * 100,000-item list is about 20 million characters.
 */
export const MAX_TEXT_BUILT = 64_000_000;

/**
 * Most values (counted deeply) in a list or map an expression builds. Values built from shared parts
 * (`[a, a]` nested) can be exponentially large while small in memory; counting them deeply stops that
 * before equality, `json()` or the conversion back to JSON has to walk them.
 */
export const MAX_COLLECTION_VALUES = 4_000_000;

/** Longest regular expression pattern for `matches`; RE2 compiles in time linear in the pattern. */
export const MAX_PATTERN_LENGTH = 1024;

/** Deepest nesting of objects and arrays in a templated value (`with:` block); also stops reference cycles. */
export const MAX_TEMPLATE_DEPTH = 64;
