import type { AppendAuditInput, LinkSaveResult } from "@kobik/storage";
import type { CrmRecord, Link, LinkBase } from "@kobik/sync-core";
import type { RunState } from "./run.js";

/** An issue made (or found) for a CRM record, whose link is to be saved. */
export interface AutoLink {
  readonly module: string;
  readonly crm: CrmRecord;
  readonly issue: { readonly id: string; readonly key: string };
  readonly base: LinkBase;
}

/**
 * Saves the links of auto-created (or recovered) issues in one `links.saveMany` and audits the saved
 * ones in one `audit.appendMany`: two store transactions per batch instead of two per record. A link
 * another writer saved first is that entry's `{ ok: false }` result; a stale fence throws for all.
 */
export async function saveAutoLinks(run: RunState, made: readonly AutoLink[]): Promise<LinkSaveResult[]> {
  if (made.length === 0) return [];
  const { store, clock } = run.ctx;
  const now = clock.now().toISOString();
  const fence = run.fence();
  const results = await store.links.saveMany(
    made.map((m) => ({ link: autoLink(run.itemId, m, now), expectedVersion: 0 })),
    fence === undefined ? {} : { fence },
  );
  const events: AppendAuditInput[] = [];
  for (const [i, m] of made.entries()) {
    if (results[i]?.ok !== true) continue;
    events.push({
      itemId: run.itemId,
      runId: run.id,
      action: "link.created",
      link: { jiraIssueId: m.issue.id, crmRecordId: m.crm.id },
      reason: `auto-created ${m.issue.key} for CRM record ${m.crm.id}`,
      changes: [],
      now: clock.now(),
    });
  }
  if (events.length > 0) await store.audit.appendMany(events);
  return results;
}

function autoLink(itemId: string, m: AutoLink, now: string): Link {
  return {
    itemId,
    jira: { issueId: m.issue.id, issueKey: m.issue.key },
    crm: { module: m.module, recordId: m.crm.id },
    origin: "auto",
    base: m.base,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}
