import type { LinkSaveResult } from "@kobik/storage";
import type { CrmRecord, Link, LinkBase } from "@kobik/sync-core";
import type { RunState } from "./run.js";

/** An issue made (or found) for a CRM record, whose link is to be saved. */
export interface AutoLink {
  readonly module: string;
  readonly crm: CrmRecord;
  readonly issue: { readonly id: string; readonly key: string };
  readonly base: LinkBase;
  /** The create intent this issue settles: completed with the issue id in the link's own store step. */
  readonly intentKey?: string;
}

/**
 * Saves the links of auto-created (or recovered) issues in one `links.saveMany`: each entry also
 * completes its create intent (when it has one) and appends its `link.created` event, so a batch is
 * one store transaction, and a link is never saved for an intent that failed to complete. A link
 * another writer saved first, or an intent that could not complete, is that entry's `{ ok: false }`
 * result; a stale fence throws for all.
 */
export async function saveAutoLinks(run: RunState, made: readonly AutoLink[]): Promise<LinkSaveResult[]> {
  if (made.length === 0) return [];
  const { store, clock } = run.ctx;
  const at = clock.now();
  const now = at.toISOString();
  const fence = run.fence();
  return store.links.saveMany(
    made.map((m) => ({
      link: autoLink(run.itemId, m, now),
      expectedVersion: 0,
      ...(m.intentKey === undefined
        ? {}
        : { completes: { key: m.intentKey, createdId: m.issue.id, now: at } }),
      audit: {
        itemId: run.itemId,
        runId: run.id,
        action: "link.created",
        link: { jiraIssueId: m.issue.id, crmRecordId: m.crm.id },
        reason: `auto-created ${m.issue.key} for CRM record ${m.crm.id}`,
        changes: [],
        now: at,
      },
    })),
    fence === undefined ? {} : { fence },
  );
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
