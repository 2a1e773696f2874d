import {
  type CrmRecord,
  finalizeBase,
  type JiraIssue,
  type Link,
  type LinkBase,
  type PreparedItem,
  planLinkSync,
  type SyncPlan,
} from "@kobik/sync-core";

/** Both sides of a linked pair plus its stored base: what a test world holds. */
export interface World {
  readonly crm: CrmRecord;
  readonly jira: JiraIssue;
  readonly base: LinkBase;
}

/**
 * Applies a plan's field, status and transition operations to the snapshots the way the two services
 * would (wire values stored as sent, modified times moved to `at`). Test code only.
 */
export function applyPlan(world: World, plan: SyncPlan, at: { crm: string; jira: string }): World {
  let crm: CrmRecord = world.crm;
  let jira: JiraIssue = world.jira;
  for (const op of plan.operations) {
    switch (op.kind) {
      case "jira.updateFields":
        jira = { ...jira, fields: { ...jira.fields, ...op.fields }, updated: at.jira };
        break;
      case "jira.transition":
        jira = { ...jira, fields: { ...jira.fields, status: { name: op.toStatus } }, updated: at.jira };
        break;
      case "crm.updateRecord":
        crm = { ...crm, ...op.fields, Modified_Time: at.crm };
        break;
      default:
        throw new Error(`applyPlan does not simulate ${op.kind}`);
    }
  }
  return { crm, jira, base: finalizeBase(plan, {}) };
}

/** Plans the world's link. */
export function planWorld(item: PreparedItem, link: Link, world: World, now: string): SyncPlan {
  return planLinkSync({ item, link: { ...link, base: world.base }, crm: world.crm, jira: world.jira, now });
}
