/**
 * Child-process entry of `startSandboxProcess`: starts a sandbox with the options given as JSON in
 * argv[2], reports its address to the parent, and stops when the parent says so or goes away.
 */
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxOptions } from '../../src/sandbox/index.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const sandbox = await startSandbox(options);
process.send?.({ url: sandbox.url, origin: sandbox.origin, apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret });
const stop = (): void => void sandbox.stop().then(() => process.exit(0));
process.on('message', stop);
process.on('disconnect', stop);
