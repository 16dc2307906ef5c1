import { Chalk } from 'chalk';
import type { ChalkInstance } from 'chalk';
import type { OutputStream } from './io.js';

/**
 * Colour on a TTY unless NO_COLOR is set (no-color.org); FORCE_COLOR wins either way
 * (`0`/`false` turn colour off, anything else on).
 */
export function colorEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true;
}

/** A chalk that colours what goes to `stream` only when {@link colorEnabled} says so (16 colours are all we use). */
export function chalkFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): ChalkInstance {
  return new Chalk({ level: colorEnabled(stream, env) ? 1 : 0 });
}
