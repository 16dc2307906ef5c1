import { AtlasError, UsageError, WorkflowError, formatIssueHeadline } from '../errors.js';
import type { SourceIssue } from '../errors.js';
import { printable } from '../util/printable.js';
import type { OutputStream } from './io.js';

/**
 * Prints an error the way a user should see it (no stack for our own errors) and returns its exit code.
 * Messages quote files and API answers, so control characters are spelled out rather than sent to the terminal.
 */
export function reportError(error: unknown, output: OutputStream, env: Record<string, string | undefined>): number {
  const stderr = { write: (text: string) => output.write(printable(text)) };
  if (error instanceof WorkflowError) {
    for (const issue of error.issues) stderr.write(formatIssue(issue));
    const count = error.issues.length;
    stderr.write(`${count} problem${count === 1 ? '' : 's'} found; nothing was sent.\n`);
    return error.exitCode;
  }
  if (error instanceof UsageError) {
    stderr.write(`atlas-run: ${error.message}\n`);
    if (error.hint) stderr.write(`hint: ${error.hint}\n`);
    return error.exitCode;
  }
  if (error instanceof AtlasError) {
    stderr.write(`atlas-run: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`atlas-run: internal error: ${message}\n`);
  if (env.ATLAS_DEBUG && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  else stderr.write('hint: set ATLAS_DEBUG=1 to print the stack trace, and please report this.\n');
  return 1;
}

/** One issue as printed for people: `file:line:col: message`, the caret excerpt, then the hint. */
export function formatIssue(issue: SourceIssue): string {
  const lines = [formatIssueHeadline(issue)];
  if (issue.excerpt) lines.push(issue.excerpt);
  if (issue.hint) lines.push(`  hint: ${issue.hint}`);
  return printable(`${lines.join('\n')}\n`);
}
