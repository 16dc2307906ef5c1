import { describe, expect, it } from 'vitest';
import { stepRegistry } from '../../../src/steps/registry.js';
import { runYaml } from '../../helpers/run-workflow.js';
import { useSandbox } from '../../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: false });

const TYPES = ['list', 'get', 'create', 'update', 'delete', 'read'];

describe('examples of the resource steps', () => {
  it.each(TYPES)('the %s example loads and runs as a dry run against the sandbox', async (type) => {
    const definition = stepRegistry.get(type)!;
    const yaml = `name: example\nsteps:\n${definition.example.replace(/^/gm, '  ')}\n`;
    const connection = sandbox.state().connections[0]!;
    const run = await runYaml(yaml.replace('brisk_lantern', connection.id), sandbox, {
      dryRun: true,
      yes: true,
      env: { PG_PASSWORD: 'x' },
      files: { 'schemas.csv': 'hr_001\nhr_002\n' },
    });
    expect(run.summary.status).toBe('ok');
    expect(sandbox.stats().writes.total).toBe(0);
  });
});
