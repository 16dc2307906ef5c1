import { approveCertificate, approveFingerprint, revokeCertificate, revokeFingerprint } from '../api/index.js';
import type { ApiCall, TrustOwner } from '../api/index.js';
import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import type { StepContext } from './define-step.js';
import { choiceInput, stringInput } from './ops/inputs.js';
import type { PendingTrust } from './ops/setup-test-results.js';
import { TRUST_KINDS, approvedList, forgetApproved } from './ops/trust-lists.js';
import type { TrustKind } from './ops/trust-lists.js';
import { writeCall } from './ops/write-call.js';
import { isPlanned, refId } from './resource-ref.js';

const ACTIONS = ['list', 'approve', 'revoke'] as const;
type Action = (typeof ACTIONS)[number];

interface CertificatesInputs {
  action: Action;
  connection?: unknown;
  destination?: unknown;
  kind?: TrustKind;
  hash?: string;
  encoded_cert?: string;
  public_key?: string;
  pending?: unknown;
}

interface CertificatesOutputs {
  items: Record<string, unknown>[];
  count: number;
  approved: string[];
  revoked: string[];
  outcome?: 'unchanged';
  detail: string;
}

/** One approval to make: what `approve` sends for a certificate or a fingerprint. */
interface Approval {
  kind: TrustKind;
  hash: string;
  encoded_cert?: string | undefined;
  public_key?: string | undefined;
}

function ownerOf(inputs: CertificatesInputs): TrustOwner {
  const given = (['connection', 'destination'] as const).filter((kind) => inputs[kind] !== undefined && inputs[kind] !== null);
  if (given.length !== 1) throw new StepError("certificates: give exactly one of 'connection' or 'destination'");
  const kind = given[0]!;
  return { kind, id: refId(inputs[kind], kind) };
}

function pendingApprovals(value: unknown): Approval[] {
  if (!Array.isArray(value)) throw new StepError("input 'pending' must be a list, usually a test step's pending output");
  return value.map((entry, index) => {
    const item = (entry ?? {}) as Partial<PendingTrust>;
    if (typeof item.hash !== 'string' || (item.kind !== 'certificate' && item.kind !== 'fingerprint')) {
      throw new StepError(`pending[${index}] must have a kind (certificate or fingerprint) and a hash`);
    }
    return { kind: item.kind, hash: item.hash, encoded_cert: item.encoded_cert, public_key: item.public_key };
  });
}

function requestedApprovals(inputs: CertificatesInputs): Approval[] {
  if (inputs.pending !== undefined && inputs.pending !== null) {
    if (inputs.hash !== undefined) throw new StepError("certificates: give either 'pending' or 'hash', not both");
    return pendingApprovals(inputs.pending);
  }
  const hash = stringInput(inputs.hash, 'hash');
  if (!hash) throw new StepError("certificates: approve needs 'hash' (with 'kind'), or 'pending' from a test step");
  const kind = choiceInput(inputs.kind, 'kind', TRUST_KINDS);
  return [{ kind, hash, encoded_cert: stringInput(inputs.encoded_cert, 'encoded_cert'), public_key: stringInput(inputs.public_key, 'public_key') }];
}

/** The call approving one entry; refuses entries lacking what the API requires. */
function approvalCall(owner: TrustOwner, approval: Approval): ApiCall<unknown> {
  if (approval.kind === 'fingerprint') {
    if (!approval.public_key) throw new StepError(`fingerprint ${approval.hash} has no public_key to approve`);
    return approveFingerprint(owner, { hash: approval.hash, public_key: approval.public_key });
  }
  if (!approval.encoded_cert) {
    throw new StepError(`certificate ${approval.hash} has no encoded_cert to approve: give encoded_cert, or test with trust_certificates: true`);
  }
  return approveCertificate(owner, { hash: approval.hash, encoded_cert: approval.encoded_cert });
}

async function isApproved(ctx: StepContext, owner: TrustOwner, approval: Approval): Promise<boolean> {
  if (isPlanned(owner.id)) return false;
  return (await approvedList(ctx, owner, approval.kind)).some((item) => item.hash === approval.hash);
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

async function list(ctx: StepContext, owner: TrustOwner, kind: TrustKind | undefined): Promise<CertificatesOutputs> {
  const kinds = kind ? [kind] : TRUST_KINDS;
  const items: Record<string, unknown>[] = [];
  for (const k of kinds) for (const item of await approvedList(ctx, owner, k)) items.push({ kind: k, ...item });
  return { items, count: items.length, approved: [], revoked: [], detail: `${plural(items.length, 'approval')} of ${owner.kind} ${owner.id}` };
}

async function approve(ctx: StepContext, owner: TrustOwner, approvals: Approval[]): Promise<CertificatesOutputs> {
  const todo: { approval: Approval; call: ApiCall<unknown> }[] = [];
  for (const approval of approvals) {
    if (await isApproved(ctx, owner, approval)) continue;
    if (todo.some((t) => t.approval.hash === approval.hash && t.approval.kind === approval.kind)) continue;
    todo.push({ approval, call: approvalCall(owner, approval) });
  }
  for (const { approval, call } of todo) {
    await writeCall(ctx, call, { kind: approval.kind, key: `${owner.kind}/${owner.id}/${approval.hash}`, changes: { approve: approval.hash } });
    forgetApproved(ctx, owner, approval.kind);
  }
  const approved = todo.map((t) => t.approval.hash);
  const already = approvals.length - todo.length;
  const detail = approvals.length === 0 ? 'nothing pending' : approved.length === 0 ? `${already} already approved` : `approved ${approved.length}${already ? `, ${already} already approved` : ''}`;
  return { items: [], count: 0, approved, revoked: [], ...(approved.length === 0 ? { outcome: 'unchanged' as const } : {}), detail };
}

async function revoke(ctx: StepContext, owner: TrustOwner, inputs: CertificatesInputs): Promise<CertificatesOutputs> {
  const hash = stringInput(inputs.hash, 'hash');
  if (!hash) throw new StepError("certificates: revoke needs 'hash' and 'kind'");
  const kind = choiceInput(inputs.kind, 'kind', TRUST_KINDS);
  if (!isPlanned(owner.id) && !(await approvedList(ctx, owner, kind)).some((item) => item.hash === hash)) {
    return { items: [], count: 0, approved: [], revoked: [], outcome: 'unchanged', detail: `${kind} ${hash} is not approved` };
  }
  const call = kind === 'certificate' ? revokeCertificate(owner, hash) : revokeFingerprint(owner, hash);
  await writeCall(ctx, call, { kind, key: `${owner.kind}/${owner.id}/${hash}`, changes: { revoke: hash } });
  forgetApproved(ctx, owner, kind);
  return { items: [], count: 0, approved: [], revoked: [hash], detail: `revoked ${kind} ${hash}` };
}

/** Lists, approves or revokes the TLS certificates and SSH host keys a connection or destination trusts. */
export const certificatesStep = defineStep<CertificatesInputs, CertificatesOutputs>({
  type: 'certificates',
  summary: 'list, approve or revoke the certificates and fingerprints of a connection or destination',
  main: 'action',
  inputs: {
    type: 'object',
    properties: {
      action: { type: 'string', enum: ACTIONS, description: 'list, approve or revoke' },
      connection: { type: ['string', 'object'], description: 'the connection (id or object); or give destination' },
      destination: { type: ['string', 'object'], description: 'the destination (its id is the group id); or give connection' },
      kind: { type: 'string', enum: TRUST_KINDS, description: 'certificate (TLS) or fingerprint (SSH host key); list shows both when omitted' },
      hash: { type: 'string', description: 'approve/revoke: the hash of the certificate or fingerprint' },
      encoded_cert: { type: 'string', description: 'approve a certificate: the certificate, base64' },
      public_key: { type: 'string', description: 'approve a fingerprint: the SSH public key' },
      pending: { type: 'array', description: 'approve: everything a test step reported, e.g. `${{ steps.check.pending }}`' },
    },
    required: ['action'],
    additionalProperties: false,
  },
  outputs: {
    items: 'list: the approved certificates and fingerprints, each with its kind',
    count: 'list: how many',
    approved: 'approve: the hashes approved by this step (already approved ones are left alone)',
    revoked: 'revoke: the hash revoked',
  },
  effect: (inputs) => (inputs.action === 'list' ? 'read' : inputs.action === 'approve' ? 'write' : 'delete'),
  // Revoking makes the next setup test (and sync) of the owner fail until it is approved again.
  destructive: (inputs) => inputs.action === 'revoke' || ('action' in inputs && inputs.action === undefined),
  example: `- id: check
  test: connection
  with: { id: brisk_lantern, allow_failures: true }
- id: approve
  certificates: approve
  with:
    connection: brisk_lantern
    pending: \${{ steps.check.pending }}
- id: trusted
  certificates: list
  with: { connection: brisk_lantern }`,
  async run(ctx, inputs) {
    const action = choiceInput(inputs.action, 'action', ACTIONS);
    const owner = ownerOf(inputs);
    if (action === 'list') {
      if (isPlanned(owner.id)) return { items: [], count: 0, approved: [], revoked: [], detail: 'planned owner: nothing approved yet' };
      return list(ctx, owner, inputs.kind === undefined ? undefined : choiceInput(inputs.kind, 'kind', TRUST_KINDS));
    }
    if (action === 'approve') return approve(ctx, owner, requestedApprovals(inputs));
    return revoke(ctx, owner, inputs);
  },
});
