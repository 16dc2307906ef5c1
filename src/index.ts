/** The library API of atlas-run. */
export * from './errors.js';
export { VERSION } from './version.js';
