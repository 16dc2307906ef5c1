/**
 * `planned:` ids (src/steps/resource-ref.ts) stand for objects a plan creates. They appear raw in
 * bodies and natural keys, and URL-encoded in paths; these helpers find and replace both forms.
 */

const MARKERS = ['planned:', encodeURIComponent('planned:')];

/** The forms an id can take in a write: as is, and as an encoded path segment. */
function forms(id: string): string[] {
  const encoded = encodeURIComponent(id);
  return encoded === id ? [id] : [id, encoded];
}

/** Ids of `known` that appear in `value` (any string inside it), and `planned:` texts that match none. */
export function plannedIdsIn(value: unknown, known: ReadonlySet<string>): { ids: string[]; unknown: string[] } {
  const ids = new Set<string>();
  const unknown = new Set<string>();
  const candidates = [...known].flatMap((id) => forms(id).map((form) => ({ id, form }))).sort((a, b) => b.form.length - a.form.length);
  for (const text of strings(value)) {
    for (const start of markerPositions(text)) {
      const match = candidates.find(({ form }) => text.startsWith(form, start));
      if (match) ids.add(match.id);
      else unknown.add(text.slice(start, start + 80));
    }
  }
  return { ids: [...ids], unknown: [...unknown] };
}

/** `value` with every planned id that has a real id replaced by it (encoded where it was encoded). */
export function substitutePlannedIds<T>(value: T, realIds: ReadonlyMap<string, string>): T {
  if (realIds.size === 0) return value;
  const pairs = [...realIds].flatMap(([planned, real]) => [
    [planned, real],
    [encodeURIComponent(planned), encodeURIComponent(real)],
  ]);
  pairs.sort((a, b) => b[0]!.length - a[0]!.length);
  const replace = (text: string): string => {
    if (!MARKERS.some((marker) => text.includes(marker))) return text;
    let out = text;
    for (const [from, to] of pairs) if (out.includes(from!)) out = out.replaceAll(from!, to!);
    return out;
  };
  return mapStrings(value, replace) as T;
}

function markerPositions(text: string): number[] {
  const positions: number[] = [];
  for (const marker of MARKERS) {
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) positions.push(at);
  }
  return positions;
}

function* strings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value && typeof value === 'object') for (const inner of Object.values(value)) yield* strings(inner);
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, mapStrings(inner, map)]));
  return value;
}
