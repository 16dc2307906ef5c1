/**
 * The bad-input corpus, input half: hostile or broken workflow files, vars, `call` items and bodies,
 * each refused with its exact message, exit 2, no stack trace — and not one request at the API it
 * was pointed at. Every case runs through `main(argv, io)`; one of each kind also through the built
 * bin (a process start costs about 0.4 s of CPU, too much for every case on a 2-core CI).
 */
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { callCases } from './cases/call.js';
import { varsCases } from './cases/vars.js';
import { workflowFileCases } from './cases/workflow-files.js';
import { caseRows, expectAnswered, runCase } from './support/bad-input-case.js';
import type { BadInputCase } from './support/bad-input-case.js';

const sandbox = useSandbox({ rateLimit: false, groups: 2, connections: 2 });

const env = (): Record<string, string> => ({ FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret });

function table(title: string, cases: readonly BadInputCase[]): void {
  describe.concurrent(title, () => {
    it.each(caseRows(cases))('%s', async (_name, testCase, runner) => {
      expect(testCase.exit).toBe(2);
      expectAnswered(testCase, await runCase(testCase, env(), runner));
      expect(sandbox.stats().requests.total).toBe(0);
    });
  });
}

table('workflow files and includes', workflowFileCases);
table('--var, ATLAS_VAR_ and --vars-file', varsCases);
table('call items and --data', callCases);

describe('after every input error', () => {
  it('the sandbox the CLI was pointed at received no request at all', () => {
    expect(sandbox.stats().requests.total).toBe(0);
  });
});
