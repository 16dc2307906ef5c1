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
 * Work units one evaluation may spend: one per AST node evaluated, one per value read from the
 * context, plus the size of every collection handed to an operator or function (deep equality and
 * membership walk them). A `filter` over 100,000 items costs about 1.5 million; nested macros over
 * large lists (quadratic work) hit this bound in well under a second instead of running for hours.
 */
export const MAX_EVALUATION_WORK = 10_000_000;

/** Longest string an expression may build (`+`, `replace`, `json`…): stops doubling a string into gigabytes. */
export const MAX_STRING_LENGTH = 4_000_000;

/**
 * Most values (counted deeply) in a list or map an expression builds. Values built from shared parts
 * (`[a, a]` nested) can be exponentially large while small in memory; counting them deeply stops that
 * before equality, `json()` or the conversion back to JSON has to walk them.
 */
export const MAX_COLLECTION_VALUES = 1_000_000;

/** Longest regular expression pattern for `matches`; RE2 compiles in time linear in the pattern. */
export const MAX_PATTERN_LENGTH = 1024;

/** Deepest nesting of objects and arrays in a templated value (`with:` block); also stops reference cycles. */
export const MAX_TEMPLATE_DEPTH = 64;
