/**
 * Reading setup test results: which failed, and which failures are a certificate or an SSH host key
 * waiting for approval (their details carry the hash to approve, CONTRACT §6.5).
 */
import type { SetupTestResult } from '../../api/index.js';

/** A certificate or fingerprint a failed test presented; a `certificates: approve` step takes a list of these as `pending`. */
export interface PendingTrust {
  kind: 'certificate' | 'fingerprint';
  hash: string;
  public_key?: string;
  /** Present when the test details carry the certificate itself (needed to approve a certificate). */
  encoded_cert?: string;
  name?: string;
  type?: string;
  /** Title of the test that presented it. */
  test: string;
}

export interface TestSummary {
  passed: boolean;
  failed_tests: SetupTestResult[];
  pending: PendingTrust[];
}

const FAILING = new Set(['FAILED', 'JOB_FAILED']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** SSH host keys are fingerprints; anything else with a hash (TLS) is a certificate. */
function kindOf(test: SetupTestResult, details: Record<string, unknown>): PendingTrust['kind'] {
  const sshKey = [details.type, details.public_key].some((v) => typeof v === 'string' && v.startsWith('ssh-'));
  return sshKey || /\bssh\b/i.test(test.title) ? 'fingerprint' : 'certificate';
}

function pendingOf(test: SetupTestResult): PendingTrust | undefined {
  const details = test.details;
  if (!details || typeof details !== 'object' || Array.isArray(details)) return undefined;
  const fields = details as Record<string, unknown>;
  const hash = text(fields.hash);
  if (!hash) return undefined;
  const optional = { public_key: text(fields.public_key), encoded_cert: text(fields.encoded_cert), name: text(fields.name), type: text(fields.type) };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { kind: kindOf(test, fields), hash, ...present, test: test.title };
}

/** Failed tests and the approvals they are waiting for. */
export function summarizeTests(tests: readonly SetupTestResult[]): TestSummary {
  const failed_tests = tests.filter((t) => FAILING.has(t.status));
  const pending = failed_tests.map(pendingOf).filter((p): p is PendingTrust => p !== undefined);
  return { passed: failed_tests.length === 0, failed_tests, pending };
}
