/** The certificates and fingerprints a connection or destination has approved, read once per run. */
import type { Certificate, Fingerprint, TrustOwner } from '../../api/index.js';
import type { StepContext } from '../define-step.js';
import { trustListKey } from './memo-keys.js';

export type TrustKind = 'certificate' | 'fingerprint';
export const TRUST_KINDS: readonly TrustKind[] = ['certificate', 'fingerprint'];

/** `connections/abc/certificates` */
export function trustListPath(owner: TrustOwner, kind: TrustKind): string {
  return `${owner.kind === 'connection' ? 'connections' : 'destinations'}/${encodeURIComponent(owner.id)}/${kind}s`;
}

/** Every approved certificate or fingerprint of the owner (all pages), shared by the run's steps. */
export function approvedList(ctx: StepContext, owner: TrustOwner, kind: TrustKind): Promise<(Certificate | Fingerprint)[]> {
  return ctx.memo(trustListKey(owner, kind), async () => {
    const items: (Certificate | Fingerprint)[] = [];
    for await (const item of ctx.client.paginate<Certificate | Fingerprint>(trustListPath(owner, kind), { signal: ctx.signal })) items.push(item);
    return items;
  });
}

/** After an approval or revocation the list read earlier is stale. */
export function forgetApproved(ctx: StepContext, owner: TrustOwner, kind: TrustKind): void {
  ctx.forget(trustListKey(owner, kind));
}
