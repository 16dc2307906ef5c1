/** Which steps need --yes, decided before the run: static inputs, and inputs templated on vars alone once vars are known. */
import { describe, expect, it } from 'vitest';
import { destructiveSteps } from '../../src/engine/scope-check.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflowObject } from '../../src/workflow/load-workflow.js';

const load = (steps: unknown[]) => loadWorkflowObject({ name: 'w', vars: { force: false, name: 'PW' }, steps }, { types: stepRegistry, cwd: process.cwd() });
const names = (findings: { step: string }[]) => findings.map((f) => f.step);

describe('destructiveSteps', () => {
  const forcedByVar = load([{ id: 'kick', sync: 'abc', with: { force: '${{ vars.force }}' } }]);

  it('treats an input templated on vars as undecided without vars, and decides it with them', () => {
    expect(names(destructiveSteps(forcedByVar))).toEqual(['kick']);
    expect(names(destructiveSteps(forcedByVar, { force: false }))).toEqual([]);
    expect(names(destructiveSteps(forcedByVar, { force: true }))).toEqual(['kick']);
  });

  it('keeps inputs that read items, steps or the environment undecided', () => {
    const workflow = load([
      { id: 'each', foreach: [true], sync: 'abc', with: { force: '${{ item }}' } },
      { id: 'later', sync: 'abc', with: { force: '${{ steps.each.count > 0 }}' } },
      { id: 'env', sync: 'abc', with: { force: "${{ secret(vars.name) == 'x' }}" } },
      { id: 'plain', sync: 'abc', with: { force: false } },
    ]);
    expect(names(destructiveSteps(workflow, { force: false, name: 'PW' }))).toEqual(['each', 'later', 'env']);
  });

  it('keeps an undecidable vars expression undecided (a missing field)', () => {
    const workflow = load([{ id: 'kick', sync: 'abc', with: { force: '${{ vars.force.deep }}' } }]);
    expect(names(destructiveSteps(workflow, { force: false }))).toEqual(['kick']);
  });
});
