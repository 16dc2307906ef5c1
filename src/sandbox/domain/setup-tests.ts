/**
 * Simulated setup tests. Outcomes are deterministic: everything passes except a certificate or SSH
 * fingerprint that the source presents and nobody approved (or trusted for this run). Trusting
 * during a run approves what was presented, as Fivetran does; the trust flag itself is not stored.
 */
import { connectionService } from '../catalogue/services.js';
import type { SourceFamily } from '../catalogue/services.js';
import type { ConnectionRecord, DestinationRecord, JsonObject, SetupTest, TrustRecord } from '../state/types.js';
import { approveCertificate, approveFingerprint, certificateApproved, certificateFor, fingerprintApproved, fingerprintFor } from './trust.js';

export interface TestRun {
  trustCertificates: boolean;
  trustFingerprints: boolean;
  /** Full name recorded as `validated_by` of what gets trusted. */
  by: string;
  at: string;
  newId: () => string;
}

const DATABASE_FAMILIES: ReadonlySet<SourceFamily> = new Set(['postgres', 'sql_server', 'mysql', 'oracle', 'document_db', 'warehouse_db']);

const passed = (title: string): SetupTest => ({ title, status: 'PASSED', message: '' });

/**
 * Decides what a source presents from its config. [SIM] a host containing `legacy` presents a TLS
 * certificate that needs approval; a `tunnel_host` presents an SSH host key.
 */
export function refreshPresented(trust: TrustRecord, config: JsonObject, database: boolean): void {
  const host = typeof config.host === 'string' ? config.host : undefined;
  trust.presentedCertificate = database && host?.includes('legacy') ? certificateFor(host) : null;
  const tunnel = typeof config.tunnel_host === 'string' && config.tunnel_host ? config.tunnel_host : undefined;
  trust.presentedFingerprint = tunnel ? fingerprintFor(tunnel) : null;
}

/** True when the service's source is a database (certificates are checked). */
export function isDatabaseService(service: string): boolean {
  const family = connectionService(service)?.family;
  return family !== undefined && DATABASE_FAMILIES.has(family);
}

function trustChecks(trust: TrustRecord, run: TestRun): SetupTest[] {
  const tests: SetupTest[] = [];
  const fingerprint = trust.presentedFingerprint;
  if (fingerprint) {
    if (!fingerprintApproved(trust) && run.trustFingerprints) approveFingerprint(trust, fingerprint.hash, fingerprint.public_key, run.by, run.at, run.newId());
    tests.push(
      fingerprintApproved(trust)
        ? passed('SSH Tunnel Connection')
        : { title: 'SSH Tunnel Connection', status: 'FAILED', message: 'The ssh key might have changed', details: { ...fingerprint } },
    );
  }
  const certificate = trust.presentedCertificate;
  if (certificate) {
    if (!certificateApproved(trust) && run.trustCertificates) {
      approveCertificate(trust, certificate.hash, certificate.encoded_cert, run.by, run.at, run.newId());
    }
    // [SIM] the details carry the encoded certificate, as the approve call needs it (CONTRACT.md §6.9).
    const details = { ...certificate };
    tests.push(
      certificateApproved(trust)
        ? passed('Validating certificate')
        : { title: 'Validating certificate', status: 'FAILED', message: 'The certificate is not trusted: approve it or run the test with trust_certificates', details },
    );
  }
  return tests;
}

function sourceChecks(connection: ConnectionRecord): SetupTest[] {
  const family = connectionService(connection.service)?.family;
  if (family && DATABASE_FAMILIES.has(family)) {
    const tests = [passed('Connecting to host'), passed('Checking user permissions')];
    if (family === 'postgres' && connection.config.update_method !== 'QUERY_BASED') tests.push(passed('Validating replication slot'));
    return tests;
  }
  if (family === 'file') return [passed('Connecting to storage'), passed('Validating file access')];
  return [passed('Validating credentials'), passed('Checking API access')];
}

/** Runs the setup tests of a connection and updates its tests and setup state. */
export function testConnection(connection: ConnectionRecord, run: TestRun): void {
  const tests = [...sourceChecks(connection), ...trustChecks(connection.trust, run)];
  const failed = tests.some((t) => t.status === 'FAILED' || t.status === 'JOB_FAILED');
  connection.setup_tests = tests;
  connection.status.setup_state = failed ? 'broken' : 'connected';
  connection.status.update_state = failed ? 'delayed' : 'on_schedule';
  connection.status.tasks = failed ? [{ code: 'reconnect', message: 'Reconnect' }] : [];
}

/** Runs the setup tests of a destination and updates its status. */
export function testDestination(destination: DestinationRecord, run: TestRun): void {
  const tests = [passed('Host Connection'), passed('Database Connection'), passed('Permission Test'), ...trustChecks(destination.trust, run)];
  destination.setup_tests = tests;
  destination.setup_status = tests.some((t) => t.status === 'FAILED') ? 'broken' : 'connected';
}
