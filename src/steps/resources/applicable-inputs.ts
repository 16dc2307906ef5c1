import { StepError } from '../../errors.js';

/** Refuses inputs that do not apply to the resource a step acts on, naming them (e.g. `email` on a group). */
export function refuseInapplicable(resource: string, inputs: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  const extra = Object.keys(inputs).filter((name) => inputs[name] !== undefined && !allowed.includes(name));
  if (extra.length === 0) return;
  const names = extra.map((name) => `'${name}'`).join(', ');
  throw new StepError(`input${extra.length === 1 ? '' : 's'} ${names} ${extra.length === 1 ? 'does' : 'do'} not apply to ${resource}`);
}
