/**
 * The plan file `atlas-run plan --out plan.json` writes and `atlas-run apply` sends: every write a
 * workflow would make, in the order it must be sent, with what each one changes and a checksum of
 * the object it touches as read at plan time.
 */

export const PLAN_FORMAT = 'atlas-run/plan';
export const PLAN_VERSION = 1;

/** How a write changes the account, for display and for apply's reconciliation rules. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'action';

export interface PlannedTarget {
  kind: string;
  /** Id of the object written (may be a `planned:` id of an object this plan creates). */
  id?: string;
  /** Natural key of a create, e.g. `<group id>/<schema>` for a connection. */
  key?: string;
  /** The object as read at plan time, secrets masked: shown for deletes, and the shape drift is checked on. */
  before?: unknown;
  /** sha256 of the object as read at plan time (volatile status fields left out); apply compares it. */
  checksum?: string;
}

export interface PlannedWrite {
  /** 1-based position in the plan: the order apply sends in. */
  seq: number;
  step: string;
  /** Item key of the fan-out (`-` for a single step). */
  key: string;
  change: ChangeKind;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** The body to send; secrets are `{"$secret": "ENV_NAME"}` references, never values. */
  body?: unknown;
  /** Only the fields an update changes (masked), for display. */
  changes?: unknown;
  target: PlannedTarget;
  /** Re-sending is harmless (the step said so). */
  idempotent?: boolean;
  /** The `planned:` id this write creates; apply maps it to the id the API answers with. */
  creates?: string;
  /** `planned:` ids this write refers to; their creates come earlier in the plan. */
  needs?: string[];
}

/** What running or applying the plan costs, against the account's hourly request budget. */
export interface CallEstimate {
  /** Reads the plan performed: a run of the workflow makes them again. */
  reads: number;
  writes: number;
  /** A run of the workflow: its reads and its writes. */
  run: number;
  /** `apply`: one read per object checked for drift, then the writes. */
  apply: number;
  /** `X-Rate-Limit-Remaining` of the last answer, when the API sent it. */
  hourlyRemaining?: number;
  /** `X-Rate-Limit` (the hourly quota), when sent. */
  hourlyLimit?: number;
}

export interface PlanFile {
  format: typeof PLAN_FORMAT;
  version: number;
  created_at: string;
  tool_version: string;
  workflow: { file: string; name: string; checksum: string };
  /** Where it was planned, for people (`api.fivetran.com`, `sandbox (…)`). */
  target: string;
  /** The API root it was planned against; apply refuses another one unless forced. */
  base_url: string;
  scope: string;
  /** Resolved vars, secrets masked. */
  vars: Record<string, unknown>;
  writes: PlannedWrite[];
  estimate: CallEstimate;
  /** Things that keep the plan from being applied as it is (e.g. a literal secret in a body). */
  problems: string[];
}
