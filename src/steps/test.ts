import { testConnection, testDestination } from '../api/index.js';
import type { Connection, Destination, SetupTestResult } from '../api/index.js';
import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import { booleanInput, choiceInput } from './ops/inputs.js';
import { summarizeTests } from './ops/setup-test-results.js';
import type { PendingTrust, TestSummary } from './ops/setup-test-results.js';
import { writeCall } from './ops/write-call.js';
import type { ResourceRef } from './resource-ref.js';
import { refId } from './resource-ref.js';

const RESOURCES = ['connection', 'destination'] as const;
type Tested = (typeof RESOURCES)[number];

interface TestInputs {
  resource: Tested;
  id: ResourceRef;
  trust_certificates?: boolean;
  trust_fingerprints?: boolean;
  allow_failures?: boolean;
}

interface TestOutputs {
  id: string;
  setup_tests: SetupTestResult[];
  passed: boolean | null;
  failed_tests: SetupTestResult[];
  pending: PendingTrust[];
  setup_state: string | null;
  detail: string;
}

function setupStateOf(resource: Tested, answer: Connection | Destination): string | null {
  const state = resource === 'connection' ? (answer as Connection).status?.setup_state : (answer as Destination).setup_status;
  // Destinations answer in either case (CONTRACT §6.8).
  return typeof state === 'string' ? state.toLowerCase() : null;
}

function failureMessage(resource: Tested, id: string, summary: TestSummary): string {
  const tests = summary.failed_tests.map((t) => (t.message ? `${t.title} (${t.message})` : t.title)).join('; ');
  const waiting = summary.pending.length
    ? `; ${summary.pending.length} awaiting approval: approve them with a certificates step (pending: \${{ steps.<id>.pending }}, with allow_failures: true here) or test with trust_certificates/trust_fingerprints`
    : '';
  return `setup tests of ${resource} ${id} failed: ${tests}${waiting}`;
}

/** Runs the setup tests of a connection or destination; trusting certificates or host keys is an explicit choice. */
export const testStep = defineStep<TestInputs, TestOutputs>({
  type: 'test',
  summary: 'run the setup tests of a connection or destination',
  main: 'resource',
  inputs: {
    type: 'object',
    properties: {
      resource: { type: 'string', enum: RESOURCES, description: 'what to test: connection or destination' },
      id: { type: ['string', 'object'], description: 'its id, or an object with an id' },
      trust_certificates: { type: 'boolean', default: false, description: 'approve any TLS certificate the source presents during this test' },
      trust_fingerprints: { type: 'boolean', default: false, description: 'approve any SSH host key the source presents during this test' },
      allow_failures: { type: 'boolean', default: false, description: 'succeed even when tests fail (read passed, failed_tests and pending instead)' },
    },
    required: ['resource', 'id'],
    additionalProperties: false,
  },
  outputs: {
    id: 'the id tested',
    setup_tests: 'every test result: title, status, message, details',
    passed: 'true when no test FAILED or JOB_FAILED',
    failed_tests: 'the failed results',
    pending: 'certificates and fingerprints the failed tests presented: give them to `certificates: approve` as `pending`',
    setup_state: 'connected, broken or incomplete after the tests',
  },
  effect: () => 'write',
  example: `- id: check
  test: connection
  with:
    id: brisk_lantern
    allow_failures: true
- id: approve
  certificates: approve
  with:
    connection: brisk_lantern
    pending: \${{ steps.check.pending }}`,
  async run(ctx, inputs) {
    const resource = choiceInput(inputs.resource, 'resource', RESOURCES);
    const id = refId(inputs.id, 'id');
    const body = {
      trust_certificates: booleanInput(inputs.trust_certificates, 'trust_certificates', false),
      trust_fingerprints: booleanInput(inputs.trust_fingerprints, 'trust_fingerprints', false),
    };
    const allowFailures = booleanInput(inputs.allow_failures, 'allow_failures', false);
    const call = resource === 'connection' ? testConnection(id, body) : testDestination(id, body);
    const answer = await writeCall<Connection | Destination | undefined>(ctx, call, { kind: resource, id, changes: body });
    // Recorded, not sent (a dry run): there are no results to read.
    if (answer === undefined) {
      return { id, setup_tests: [], passed: null, failed_tests: [], pending: [], setup_state: null, detail: 'setup tests planned' };
    }
    const setup_tests = answer.setup_tests ?? [];
    const summary = summarizeTests(setup_tests);
    if (!summary.passed && !allowFailures) throw new StepError(failureMessage(resource, id, summary));
    const detail = summary.passed
      ? `${setup_tests.length} test${setup_tests.length === 1 ? '' : 's'} passed`
      : `${summary.failed_tests.length} of ${setup_tests.length} tests failed, ${summary.pending.length} awaiting approval`;
    return { id, setup_tests, ...summary, setup_state: setupStateOf(resource, answer), detail };
  },
});
