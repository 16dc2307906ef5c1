#!/usr/bin/env node
// A zx script that uses atlas-run as a library: it runs a small read-only workflow in-process with
// runWorkflow(), then works with what the run hands back — a coloured table of a group's connections,
// an optional JSON report, and exit code 1 when one is broken (a health gate for cron or CI).
//
//   node examples/zx-status.mjs                       # against a fresh local sandbox: no credentials needed
//   npx zx examples/zx-status.mjs --group warehouse_legacy --out status.json --fail-on-broken
//   FIVETRAN_API_KEY=… FIVETRAN_API_SECRET=… node examples/zx-status.mjs --group <group name or id>
//
// Outside this repository, `npm install atlas-run zx` and the same imports work.
import { argv, chalk, echo, fs } from 'zx';
import { createClient, credentialsFromEnv, runWorkflow, startSandbox } from 'atlas-run';

const group = String(argv.group ?? 'warehouse_legacy');

/** The workflow, as an object: the same language as a .yml file (runWorkflow also takes a path). */
const STATUS = {
  name: 'group status',
  vars: { group: { required: true, description: 'the group (name or id) to report on' } },
  steps: [
    {
      id: 'connections',
      list: 'connections',
      with: { group: '${{ vars.group }}', fields: ['id', 'schema', 'service', 'paused', 'status.setup_state', 'status.sync_state'] },
    },
  ],
  outputs: {
    connections: '${{ steps.connections.items }}',
    broken: "${{ steps.connections.items.filter(c, c.status.setup_state == 'broken').map(c, c.schema) }}",
  },
};

// Credentials in the environment mean a real account (FIVETRAN_API_URL may point elsewhere);
// without them the script starts the local simulator, as `atlas-run … --sandbox` does.
const sandbox = process.env.FIVETRAN_API_KEY ? undefined : await startSandbox();
const client = createClient(sandbox ? { apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url } : credentialsFromEnv(process.env));

try {
  const summary = await runWorkflow(STATUS, { client, vars: { group }, scope: 'read' });
  if (summary.status !== 'ok') {
    echo(chalk.red(`status of ${group} failed: ${summary.steps.connections?.outputs.error ?? summary.status}`));
    process.exitCode = summary.exitCode;
  } else {
    const { connections, broken } = summary.outputs;
    echo(`${chalk.bold(group)}: ${connections.length} connections, ${broken.length} broken ${chalk.gray(`(${sandbox ? 'sandbox' : client.baseUrl}, ${summary.durationMs} ms)`)}`);
    for (const c of connections) {
      // Pad before colouring: colour codes would count as characters.
      const setup = c.status.setup_state.padEnd(12);
      const sync = c.paused ? chalk.yellow('paused') : c.status.sync_state;
      echo(`  ${c.schema.padEnd(28)} ${c.service.padEnd(16)} ${c.status.setup_state === 'connected' ? chalk.green(setup) : chalk.red(setup)} ${sync}`);
    }
    if (argv.out) await fs.outputJson(String(argv.out), { group, connections, broken }, { spaces: 2 });
    if (argv['fail-on-broken'] && broken.length > 0) process.exitCode = 1;
  }
} finally {
  await client.close();
  await sandbox?.stop();
}
