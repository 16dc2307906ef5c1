/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring
 * characters as one edit (optimal string alignment): `wehn` is one typo away from `when`, not two.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current[j] = best;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate nearest to `word`, if it is near enough to be a plausible typo, or else the one
 * candidate `word` abbreviates (`int` → `integer`).
 * @example closest('filtr', ['filter', 'list']) // 'filter'
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const list = [...candidates];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of list) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= tolerance ? best : abbreviated(lower, list);
}

/** The only candidate starting with `word` (at least 3 letters): short forms like `int`, `bool`, `conn`. */
function abbreviated(lower: string, candidates: readonly string[]): string | undefined {
  if (lower.length < 3) return undefined;
  const matches = candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower));
  return matches.length === 1 ? matches[0] : undefined;
}

/** `did you mean 'x'?` or `expected one of a, b, c` when nothing is close. */
export function suggestionHint(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near ? `did you mean '${near}'?` : `expected one of: ${candidates.join(', ')}`;
}
