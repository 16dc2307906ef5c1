import { Chalk } from 'chalk';
import { colorEnabled } from '../color.js';
import type { OutputStream } from '../io.js';

/** How JSON goes to a stream: indented on a terminal, one line when piped; coloured when allowed. */
export interface JsonStyle {
  pretty: boolean;
  color: boolean;
}

/** The style for a stream: pretty and coloured on a terminal, compact when piped. */
export function styleFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): JsonStyle {
  return { pretty: stream.isTTY === true, color: colorEnabled(stream, env) };
}

/**
 * JSON text of `value`; identical to `JSON.stringify(value)` (compact) or `JSON.stringify(value, null, 2)`
 * (pretty) once the colour codes are stripped.
 */
export function formatJson(value: unknown, style: JsonStyle): string {
  const chalk = new Chalk({ level: style.color ? 1 : 0 });
  const paint = {
    key: (s: string) => chalk.blue(s),
    string: (s: string) => chalk.green(s),
    number: (s: string) => chalk.yellow(s),
    boolean: (s: string) => chalk.magenta(s),
    null: (s: string) => chalk.gray(s),
  };
  const newline = style.pretty ? '\n' : '';
  const colon = style.pretty ? ': ' : ':';

  const write = (node: unknown, indent: string, inArray: boolean): string | undefined => {
    const json = toJsonValue(node);
    if (json === undefined) return inArray ? paint.null('null') : undefined;
    if (json === null) return paint.null('null');
    if (typeof json === 'string') return paint.string(JSON.stringify(json));
    if (typeof json === 'number') return Number.isFinite(json) ? paint.number(JSON.stringify(json)) : paint.null('null');
    if (typeof json === 'boolean') return paint.boolean(String(json));
    const inner = style.pretty ? `${indent}  ` : '';
    if (Array.isArray(json)) {
      if (json.length === 0) return '[]';
      const parts = json.map((item) => `${inner}${write(item, inner, true)}`);
      return `[${newline}${parts.join(`,${newline}`)}${newline}${indent}]`;
    }
    const parts: string[] = [];
    for (const [key, child] of Object.entries(json as Record<string, unknown>)) {
      const text = write(child, inner, false);
      if (text !== undefined) parts.push(`${inner}${paint.key(JSON.stringify(key))}${colon}${text}`);
    }
    if (parts.length === 0) return '{}';
    return `{${newline}${parts.join(`,${newline}`)}${newline}${indent}}`;
  };
  return write(value, '', false) ?? 'null';
}

/** What JSON.stringify would serialise: honours toJSON, drops functions and symbols. */
function toJsonValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  if (typeof value === 'function' || typeof value === 'symbol' || value === undefined) return undefined;
  return value;
}

/** Whether a write failed because the reader went away (`atlas-run call … --all | head`). */
export function isClosedPipe(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * Writes one chunk, waiting for 'drain' when the stream's buffer is full (so --all streams, never piles up).
 * Rejects with an EPIPE error once the reader is gone (a destroyed stream never drains).
 */
export function writeChunk(stream: OutputStream, text: string): Promise<void> {
  if (stream.destroyed) return Promise.reject(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}
