import type { SchemaConfig } from '../../api/index.js';

/** What every `schema` action returns. */
export interface SchemaOutputs {
  config: SchemaConfig | null;
  changes: string[];
  outcome?: 'unchanged' | 'skipped';
  detail: string;
}

/** `public.orders disabled, public.audit enabled and 3 more` */
export function describeChanges(changes: readonly string[], limit = 3): string {
  if (changes.length <= limit) return changes.join(', ');
  return `${changes.slice(0, limit).join(', ')} and ${changes.length - limit} more`;
}
