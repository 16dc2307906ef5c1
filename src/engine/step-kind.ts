import type { StepSpec } from '../workflow/types.js';

/** `create connection`, `uses migrate-one`: what a step does, in two words, for headers and summaries. */
export function stepKind(step: StepSpec): string {
  if (step.uses) return `uses ${step.uses.name}`;
  const main = step.definition ? step.staticInputs[step.definition.main] : undefined;
  return typeof main === 'string' && main.length <= 40 && !main.includes('\n') ? `${step.type} ${main}` : step.type;
}
