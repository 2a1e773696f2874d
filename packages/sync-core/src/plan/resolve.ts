import type { ConflictPolicy } from "../schema/item.js";
import type { Side } from "../schema/mapping.js";
import type { ConflictReason } from "./types.js";

/** What decides a conflict beyond the two values. */
export interface ResolveContext {
  readonly policy: ConflictPolicy;
  readonly crmTimeMs: number | undefined;
  readonly jiraTimeMs: number | undefined;
  /** Auto-created links start from CRM: an unsynced value there is the source of truth. */
  readonly autoLink: boolean;
}

/** The outcome of a conflict. */
export interface Resolution {
  readonly winner: Side;
  readonly reason: ConflictReason;
  readonly nearTie: boolean;
}

/**
 * Settles a field changed differently on both sides: a mapping's owner first, then the item policy.
 * Latest-change-wins treats times within the skew window (or a missing time) as a tie, broken by a
 * fixed side so the outcome never depends on which clock ran fast.
 */
export function resolveConflict(
  context: ResolveContext,
  owner: Side | undefined,
  hasBase: boolean,
): Resolution {
  if (owner !== undefined) return { winner: owner, reason: "owner", nearTie: false };
  if (!hasBase && context.autoLink) return { winner: "crm", reason: "auto-link-initial", nearTie: false };
  const policy = context.policy;
  switch (policy.kind) {
    case "crm-wins":
      return { winner: "crm", reason: "crm-wins", nearTie: false };
    case "jira-wins":
      return { winner: "jira", reason: "jira-wins", nearTie: false };
    case "latest-change-wins": {
      const { crmTimeMs, jiraTimeMs } = context;
      if (
        crmTimeMs === undefined ||
        jiraTimeMs === undefined ||
        Math.abs(crmTimeMs - jiraTimeMs) <= policy.skewWindowMs
      ) {
        return { winner: policy.tieBreaker, reason: "near-tie", nearTie: true };
      }
      return { winner: crmTimeMs > jiraTimeMs ? "crm" : "jira", reason: "latest-change", nearTie: false };
    }
  }
}
