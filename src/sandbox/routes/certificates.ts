/** Certificates and fingerprints of connections and destinations: list, approve, get, revoke. */
import { findConnection, findDestination, nowIso, ownerName, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { approveCertificate, approveFingerprint } from '../domain/trust.js';
import { done, listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { HttpProblem, invalidInput } from '../http/problem.js';
import type { JsonObject, TrustRecord } from '../state/types.js';
import { pageOf, validBody } from './common.js';
import type { RouteDef } from './route.js';

type OwnerKind = 'connection' | 'destination';

interface Owner {
  id: string;
  label: string;
  trust: TrustRecord;
}

function ownerOf(ctx: RequestContext, kind: OwnerKind, id: string): Owner {
  if (kind === 'connection') {
    const connection = findConnection(ctx, id);
    return { id, label: `connection '${id}'`, trust: connection.trust };
  }
  return { id, label: `destination '${id}'`, trust: findDestination(ctx, id).trust };
}

const ownerParam = (kind: OwnerKind): string => (kind === 'connection' ? 'connectionId' : 'destinationId');

function listCertificates(kind: OwnerKind) {
  return (ctx: RequestContext): Reply => {
    const owner = ownerOf(ctx, kind, param(ctx, ownerParam(kind)));
    return listed(pageOf(ctx, owner.trust.certificates, (c) => ({ ...c })));
  };
}

function listFingerprints(kind: OwnerKind) {
  return (ctx: RequestContext): Reply => {
    const owner = ownerOf(ctx, kind, param(ctx, ownerParam(kind)));
    return listed(pageOf(ctx, owner.trust.fingerprints, (f) => ({ ...f })));
  };
}

function approveCertificateOf(ctx: RequestContext, owner: Owner, body: JsonObject): JsonObject {
  const encoded = String(body.encoded_cert);
  if (!/^[A-Za-z0-9+/=_-]+$/.test(encoded)) throw invalidInput("Field 'encoded_cert' must be a base64-encoded certificate");
  const approved = approveCertificate(owner.trust, String(body.hash), encoded, ownerName(ctx), nowIso(ctx), ctx.sandbox.ids.next());
  ctx.sandbox.record('certificate_approved');
  return { ...approved };
}

function approveFingerprintOf(ctx: RequestContext, owner: Owner, body: JsonObject): JsonObject {
  const approved = approveFingerprint(owner.trust, String(body.hash), String(body.public_key), ownerName(ctx), nowIso(ctx), ctx.sandbox.ids.next());
  ctx.sandbox.record('fingerprint_approved');
  return { ...approved };
}

function approve(kind: OwnerKind, what: 'certificate' | 'fingerprint') {
  return (ctx: RequestContext): Reply => {
    const owner = ownerOf(ctx, kind, param(ctx, ownerParam(kind)));
    const body = validBody(ctx, true);
    const data = what === 'certificate' ? approveCertificateOf(ctx, owner, body) : approveFingerprintOf(ctx, owner, body);
    const noun = what === 'certificate' ? 'Certificate' : 'Fingerprint';
    return { status: 201, body: { code: 'Success', message: `${noun} has been approved`, data } };
  };
}

function find(kind: OwnerKind, what: 'certificate' | 'fingerprint') {
  return (ctx: RequestContext): { owner: Owner; hash: string; index: number } => {
    const owner = ownerOf(ctx, kind, param(ctx, ownerParam(kind)));
    const hash = param(ctx, 'hash');
    const list = what === 'certificate' ? owner.trust.certificates : owner.trust.fingerprints;
    const index = list.findIndex((item) => item.hash === hash);
    const noun = what === 'certificate' ? 'Certificate' : 'Fingerprint';
    if (index < 0) throw new HttpProblem(404, `NotFound_${noun}`, `${noun} with hash '${hash}' not found for ${owner.label}`);
    return { owner, hash, index };
  };
}

function details(kind: OwnerKind, what: 'certificate' | 'fingerprint') {
  const locate = find(kind, what);
  return (ctx: RequestContext): Reply => {
    const { owner, index } = locate(ctx);
    const list = what === 'certificate' ? owner.trust.certificates : owner.trust.fingerprints;
    return ok({ ...list[index] });
  };
}

function revoke(kind: OwnerKind, what: 'certificate' | 'fingerprint') {
  const locate = find(kind, what);
  return (ctx: RequestContext): Reply => {
    const { owner, hash, index } = locate(ctx);
    if (what === 'certificate') owner.trust.certificates.splice(index, 1);
    else owner.trust.fingerprints.splice(index, 1);
    ctx.sandbox.record(what === 'certificate' ? 'certificate_revoked' : 'fingerprint_revoked');
    return done(`${what === 'certificate' ? 'Certificate' : 'Fingerprint'} with hash '${hash}' has been revoked for ${owner.label}`);
  };
}

/** The older account-level approvals, with the owner named in the body. */
function approveForOwnerInBody(what: 'certificate' | 'fingerprint') {
  return (ctx: RequestContext): Reply => {
    const body = validBody(ctx, true);
    const connectionId = typeof body.connection_id === 'string' ? body.connection_id : undefined;
    const destinationId = typeof body.destination_id === 'string' ? body.destination_id : undefined;
    if (!connectionId && !destinationId) throw invalidInput("Field 'connection_id' or 'destination_id' is required");
    const owner = connectionId ? ownerOf(ctx, 'connection', connectionId) : ownerOf(ctx, 'destination', destinationId as string);
    if (what === 'certificate') approveCertificateOf(ctx, owner, body);
    else approveFingerprintOf(ctx, owner, body);
    return done(`${what === 'certificate' ? 'Certificate' : 'Fingerprint'} has been approved for ${owner.label}`);
  };
}

function ownerRoutes(kind: OwnerKind): RouteDef[] {
  const base = kind === 'connection' ? '/v1/connections/{connectionId}' : '/v1/destinations/{destinationId}';
  return [
    { method: 'GET', path: `${base}/certificates`, handler: listCertificates(kind) },
    { method: 'POST', path: `${base}/certificates`, handler: approve(kind, 'certificate') },
    { method: 'GET', path: `${base}/certificates/{hash}`, handler: details(kind, 'certificate') },
    { method: 'DELETE', path: `${base}/certificates/{hash}`, handler: revoke(kind, 'certificate') },
    { method: 'GET', path: `${base}/fingerprints`, handler: listFingerprints(kind) },
    { method: 'POST', path: `${base}/fingerprints`, handler: approve(kind, 'fingerprint') },
    { method: 'GET', path: `${base}/fingerprints/{hash}`, handler: details(kind, 'fingerprint') },
    { method: 'DELETE', path: `${base}/fingerprints/{hash}`, handler: revoke(kind, 'fingerprint') },
  ];
}

export const CERTIFICATE_ROUTES: RouteDef[] = [
  ...ownerRoutes('connection'),
  ...ownerRoutes('destination'),
  { method: 'POST', path: '/v1/certificates', handler: approveForOwnerInBody('certificate') },
  {
    method: 'POST',
    path: '/v1/fingerprints',
    spec: '/v1/connections/{connectionId}/fingerprints',
    handler: approveForOwnerInBody('fingerprint'),
    legacyOnly: true,
  },
];
