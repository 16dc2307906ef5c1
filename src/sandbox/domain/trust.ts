/**
 * Certificates and SSH fingerprints awaiting approval. A presented certificate is derived from the
 * host (deterministic, no randomness), approval records who validated it and when, and a setup test
 * fails while the presented one is neither approved nor trusted for that run.
 */
import { createHash } from 'node:crypto';
import type { ApprovedCertificate, ApprovedFingerprint, PresentedCertificate, PresentedFingerprint, TrustRecord } from '../state/types.js';

const digest = (algorithm: 'sha1' | 'sha256', text: string): Buffer => createHash(algorithm).update(text).digest();
const colonHex = (bytes: Buffer): string => [...bytes].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');

export function emptyTrust(): TrustRecord {
  return { presentedCertificate: null, presentedFingerprint: null, certificates: [], fingerprints: [] };
}

/** The TLS certificate a host presents. */
export function certificateFor(host: string): PresentedCertificate {
  const der = Buffer.concat([Buffer.from(`sandbox certificate for ${host}\n`), digest('sha256', `der:${host}`)]);
  return {
    hash: digest('sha256', `cert:${host}`).toString('base64url'),
    public_key: `MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${digest('sha256', `pk:${host}`).toString('base64')}`,
    name: `CN=${host}`,
    type: 'TLS',
    sha1: colonHex(digest('sha1', `der:${host}`)),
    sha256: colonHex(digest('sha256', `der:${host}`)),
    encoded_cert: der.toString('base64'),
  };
}

/** The SSH host key a tunnel host presents. */
export function fingerprintFor(tunnelHost: string): PresentedFingerprint {
  return {
    hash: digest('sha256', `ssh:${tunnelHost}`).toString('base64url'),
    public_key: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${digest('sha256', `sshkey:${tunnelHost}`).toString('base64')} ${tunnelHost}`,
    type: 'ssh-rsa',
    name: tunnelHost,
  };
}

export function certificateApproved(trust: TrustRecord): boolean {
  const presented = trust.presentedCertificate;
  return !presented || trust.certificates.some((c) => c.hash === presented.hash);
}

export function fingerprintApproved(trust: TrustRecord): boolean {
  const presented = trust.presentedFingerprint;
  return !presented || trust.fingerprints.some((f) => f.hash === presented.hash);
}

/** Records an approval; the presented certificate's details are used when the hash matches it. */
export function approveCertificate(trust: TrustRecord, hash: string, encodedCert: string, by: string, at: string, id: string): ApprovedCertificate {
  const presented = trust.presentedCertificate?.hash === hash ? trust.presentedCertificate : undefined;
  const der = Buffer.from(encodedCert, 'base64');
  const approved: ApprovedCertificate = {
    id,
    hash,
    public_key: presented?.public_key ?? der.subarray(0, 48).toString('base64'),
    name: presented?.name ?? 'CN=unknown',
    type: presented?.type ?? 'TLS',
    sha1: presented?.sha1 ?? colonHex(createHash('sha1').update(der).digest()),
    sha256: presented?.sha256 ?? colonHex(createHash('sha256').update(der).digest()),
    validated_by: by,
    validated_date: at,
  };
  trust.certificates = [...trust.certificates.filter((c) => c.hash !== hash), approved];
  return approved;
}

export function approveFingerprint(trust: TrustRecord, hash: string, publicKey: string, by: string, at: string, id: string): ApprovedFingerprint {
  const approved: ApprovedFingerprint = { id, hash, public_key: publicKey, validated_by: by, validated_date: at };
  trust.fingerprints = [...trust.fingerprints.filter((f) => f.hash !== hash), approved];
  return approved;
}
