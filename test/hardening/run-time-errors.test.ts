/**
 * The bad-input corpus, run-time half (in-process, one of each kind also through the built bin): data files a runbook reads, SQL and
 * mapping files, expressions that fail on the values of the run (no request is sent for any of
 * these: the sandbox stays untouched) and surprising API answers from a scripted server. Each:
 * the exact message, the exit code, no stack trace.
 */
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/http-server.js';
import { useSandbox } from '../helpers/sandbox.js';
import { apiResponseCases } from './cases/api-responses.js';
import type { ApiCase } from './cases/api-responses.js';
import { dataFileCases } from './cases/data-files.js';
import { runTimeExpressionCases } from './cases/run-time-expressions.js';
import { sqlFileCases } from './cases/sql-files.js';
import { caseRows, expectAnswered, runCase } from './support/bad-input-case.js';
import type { BadInputCase, CaseRunner } from './support/bad-input-case.js';

const sandbox = useSandbox({ rateLimit: false, groups: 2, connections: 2 });

function sendsNothing(title: string, cases: readonly BadInputCase[]): void {
  describe.concurrent(title, () => {
    it.each(caseRows(cases))('%s', async (_name, testCase, runner) => {
      const env = { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret };
      expectAnswered(testCase, await runCase(testCase, env, runner));
      expect(sandbox.stats().requests.total).toBe(0);
    });
  });
}

sendsNothing('data files read by the read step', dataFileCases);
sendsNothing('SQL and mapping files given to rewrite-sql', sqlFileCases);
sendsNothing('expressions that fail at run time', runTimeExpressionCases);

/** Runs a case against its own scripted server, which answers only the requests the case lists. */
async function againstScriptedApi(testCase: ApiCase, runner: CaseRunner): Promise<void> {
  const server = await startTestServer((request) => {
    const reply = testCase.replies[`${request.method} ${request.path}`];
    if (!reply) throw new Error(`unexpected ${request.method} ${request.url}`);
    return reply;
  });
  try {
    const env = { FIVETRAN_API_URL: server.baseUrl, FIVETRAN_API_KEY: 'key', FIVETRAN_API_SECRET: 'secret-not-shown' };
    expectAnswered(testCase, await runCase(testCase, env, runner));
    const asked = new Set(server.requests.map((request) => `${request.method} ${request.path}`));
    expect([...asked].sort()).toEqual(Object.keys(testCase.replies).sort());
  } finally {
    await server.close();
  }
}

describe.concurrent('surprising answers from the API', () => {
  it.each(caseRows(apiResponseCases))('%s', async (_name, testCase, runner) => {
    await againstScriptedApi(testCase as ApiCase, runner);
  });
});

describe('after the run-time cases', () => {
  it('the sandbox received no request at all', () => {
    expect(sandbox.stats().requests.total).toBe(0);
  });
});
