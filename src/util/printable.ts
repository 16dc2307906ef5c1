/**
 * Control characters other than tab and newline: C0, DEL and C1. In text from a file or an API
 * answer they could move the cursor, retitle the terminal or hide what follows.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * `text` safe to print on a terminal: every control character but tab and newline spelled as `\xHH`.
 * @example printable('bad \u001b[31mred') // 'bad \\x1B[31mred'
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
