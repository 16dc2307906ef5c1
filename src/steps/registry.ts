import type { StepDefinition } from './define-step.js';
import { assertStep } from './assert.js';
import { certificatesStep } from './certificates.js';
import { createStep } from './create.js';
import { deleteStep } from './delete.js';
import { execStep } from './exec.js';
import { exportStep } from './export.js';
import { filterStep } from './filter.js';
import { getStep } from './get.js';
import { listStep } from './list.js';
import { printStep } from './print.js';
import { readStep } from './read.js';
import { requestStep } from './request.js';
import { resyncStep } from './resync.js';
import { rewriteSqlStep } from './rewrite-sql.js';
import { schemaStep } from './schema.js';
import { setStep } from './set.js';
import { syncStep } from './sync.js';
import { testStep } from './test.js';
import { updateStep } from './update.js';
import { waitStep } from './wait.js';

type AnyStep = StepDefinition<never, Record<string, unknown>>;

/** Every step type, one file each. Adding a step type is adding a line here. */
const DEFINITIONS: readonly AnyStep[] = [filterStep, setStep, assertStep, syncStep, execStep, exportStep, printStep, waitStep, resyncStep, testStep, certificatesStep, requestStep, rewriteSqlStep, listStep, schemaStep, readStep, createStep, updateStep, deleteStep, getStep] as unknown as AnyStep[];

const BY_TYPE = new Map(DEFINITIONS.map((definition) => [definition.type, definition]));

/** Looks step types up by name (the workflow validator, the engine and `atlas-run steps` use it). */
export const stepRegistry = {
  get(type: string): AnyStep | undefined {
    return BY_TYPE.get(type);
  },
  names(): readonly string[] {
    return [...BY_TYPE.keys()];
  },
  all(): readonly AnyStep[] {
    return DEFINITIONS;
  },
};
