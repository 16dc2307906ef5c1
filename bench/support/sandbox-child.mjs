// Child-process entry of startSandboxProcess: starts the built sandbox (dist/, as the CLI it serves
// is built) with the options given as JSON in argv[2], reports its address to the parent, and stops
// when the parent says so or goes away. Plain JavaScript, so the child starts without a TS loader.
import { startSandbox } from '../../dist/sandbox/index.js';

const sandbox = await startSandbox(JSON.parse(process.argv[2] ?? '{}'));
process.send?.({ url: sandbox.url, origin: sandbox.origin, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret });
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.on('message', stop);
process.on('disconnect', stop);
