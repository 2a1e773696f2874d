import { JiraNotFoundError } from "@kobik/jira-client";
import {
  emptyLinkBase,
  type Link,
  type PreparedItem,
  previewFields,
  type SmartConnectedItem,
} from "@kobik/sync-core";
import { removeLink } from "./audit.js";
import type { EngineContext } from "./context.js";
import { AlreadyLinkedError, AutoLinkError, EngineInputError, LinkNotFoundError } from "./errors.js";
import { syncPairs } from "./link-sync.js";
import { crmReadFields, loadItem, prepare } from "./prepare.js";
import { runItem } from "./run-item.js";
import { fetchCrmRecord } from "./snapshots.js";
import type { CrmRecordMatch, LinkPreview, RunCycleOptions, SyncRunResult } from "./types.js";
import { createUserResolver } from "./users.js";

// The field that names a record in each module family (Zoho's own "primary" fields), most specific first.
const TITLE_FIELDS = [
  "Deal_Name",
  "Account_Name",
  "Full_Name",
  "Last_Name",
  "Subject",
  "Product_Name",
  "Campaign_Name",
  "Vendor_Name",
  "Price_Book_Name",
  "Solution_Title",
  "Case_Number",
  "Name",
];

function titleOf(record: Record<string, unknown>): string {
  for (const name of TITLE_FIELDS) {
    const value = record[name];
    if (typeof value === "string" && value.trim() !== "") return value;
    if (value && typeof value === "object" && typeof (value as { name?: unknown }).name === "string")
      return (value as { name: string }).name;
  }
  return String(record.id);
}

/** Host-facing link operations: the issue panel and `kobik link`. */
export function linkOperations(ctx: EngineContext) {
  async function issueIdOf(
    idOrKey: string,
  ): Promise<{ id: string; key: string; project: string | undefined }> {
    if (typeof idOrKey !== "string" || idOrKey.trim() === "")
      throw new EngineInputError("jiraIssueIdOrKey", "must be an issue id or key");
    try {
      const issue = await ctx.jira.issues.get(idOrKey, { fields: ["project"] });
      const project = (issue.fields?.project as { key?: string } | undefined)?.key;
      return { id: String(issue.id), key: String(issue.key), project };
    } catch (error) {
      if (error instanceof JiraNotFoundError)
        throw new EngineInputError("jiraIssueIdOrKey", `no Jira issue ${idOrKey}`);
      throw error;
    }
  }

  async function findLink(itemId: string, idOrKey: string): Promise<Link> {
    const byId = /^\d+$/.test(idOrKey) ? await ctx.store.links.getByJiraIssue(itemId, idOrKey) : null;
    if (byId !== null) return byId;
    const issue = await issueIdOf(idOrKey);
    const link = await ctx.store.links.getByJiraIssue(itemId, issue.id);
    if (link === null) throw new LinkNotFoundError(itemId, idOrKey);
    return link;
  }

  async function syncLink(
    itemId: string,
    idOrKey: string,
    opts: RunCycleOptions = {},
  ): Promise<SyncRunResult> {
    const item = await loadItem(ctx, itemId);
    const { jira } = await findLink(itemId, idOrKey);
    const mode = opts.dryRun === true ? "dry-run" : "apply";
    return runItem(ctx, item, { trigger: opts.trigger ?? "manual", mode }, async (run, prepared) => {
      // Re-read under the lease: a cycle may have saved a newer version since.
      const link = await ctx.store.links.getByJiraIssue(itemId, jira.issueId);
      if (link === null) throw new LinkNotFoundError(itemId, jira.issueKey);
      await syncPairs(run, prepared, [{ link }], createUserResolver(ctx));
    });
  }

  async function previewOf(
    item: SmartConnectedItem,
    prepared: PreparedItem,
    link: Link,
  ): Promise<LinkPreview> {
    const record = await fetchCrmRecord(ctx, link.crm.module, link.crm.recordId, crmReadFields(prepared));
    return {
      itemId: item.id,
      jiraIssueKey: link.jira.issueKey,
      crmModule: link.crm.module,
      crmRecordId: link.crm.recordId,
      origin: link.origin,
      fields: previewFields(prepared, record ?? { id: link.crm.recordId }),
    };
  }

  async function preview(itemId: string, idOrKey: string): Promise<LinkPreview> {
    const item = await loadItem(ctx, itemId);
    const link = await findLink(itemId, idOrKey);
    return previewOf(item, await prepare(ctx, item), link);
  }

  async function refresh(itemId: string, idOrKey: string): Promise<LinkPreview> {
    const item = await loadItem(ctx, itemId);
    if (item.mode !== "display") await syncLink(itemId, idOrKey, { trigger: "manual" });
    return preview(itemId, idOrKey);
  }

  async function searchCrmRecords(itemId: string, text: string): Promise<CrmRecordMatch[]> {
    if (typeof text !== "string" || text.trim().length < 2)
      throw new EngineInputError("text", "give at least 2 characters of the record's name");
    const item = await loadItem(ctx, itemId);
    const prepared = await prepare(ctx, item);
    const page = await ctx.zoho.records.search(item.crm.module, { word: text.trim() }, { perPage: 20 });
    return Promise.all(
      page.items.map(async (record) => {
        const link = await ctx.store.links.getByCrmRecord(itemId, record.id);
        return {
          recordId: record.id,
          title: titleOf(record),
          fields: previewFields(prepared, record),
          linkedIssueKey: link?.jira.issueKey ?? null,
        };
      }),
    );
  }

  async function linkRecord(itemId: string, idOrKey: string, crmRecordId: string): Promise<LinkPreview> {
    const item = await loadItem(ctx, itemId);
    if (typeof crmRecordId !== "string" || !/^\d+$/.test(crmRecordId))
      throw new EngineInputError("crmRecordId", "a CRM record id is a string of digits");
    const issue = await issueIdOf(idOrKey);
    if (issue.project !== undefined && issue.project !== item.jira.projectKey)
      throw new EngineInputError(
        "jiraIssueIdOrKey",
        `${issue.key} is not in project ${item.jira.projectKey}`,
      );
    const byIssue = await ctx.store.links.getByJiraIssue(itemId, issue.id);
    if (byIssue !== null)
      throw new AlreadyLinkedError(
        `${issue.key} is already linked to CRM record ${byIssue.crm.recordId}`,
        "jiraIssueIdOrKey",
      );
    const byRecord = await ctx.store.links.getByCrmRecord(itemId, crmRecordId);
    if (byRecord !== null)
      throw new AlreadyLinkedError(
        `CRM record ${crmRecordId} is already linked to ${byRecord.jira.issueKey}`,
        "crmRecordId",
      );
    const prepared = await prepare(ctx, item);
    const record = await fetchCrmRecord(ctx, item.crm.module, crmRecordId, crmReadFields(prepared));
    if (record === null)
      throw new EngineInputError("crmRecordId", `no ${item.crm.module} record ${crmRecordId}`);
    const now = ctx.clock.now().toISOString();
    const link: Link = {
      itemId,
      jira: { issueId: issue.id, issueKey: issue.key },
      crm: { module: item.crm.module, recordId: crmRecordId },
      origin: "manual",
      base: emptyLinkBase(),
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    const saved = await ctx.store.links.save(link, { expectedVersion: 0 });
    await ctx.store.audit.append({
      itemId,
      runId: null,
      action: "link.created",
      link: { jiraIssueId: issue.id, crmRecordId },
      reason: `linked ${issue.key} to CRM record ${crmRecordId} by hand`,
      changes: [],
      now: ctx.clock.now(),
    });
    if (item.mode !== "display" && item.enabled) await syncLink(itemId, issue.id, { trigger: "manual" });
    return previewOf(item, prepared, saved);
  }

  async function unlink(itemId: string, idOrKey: string): Promise<void> {
    await loadItem(ctx, itemId);
    const link = await findLink(itemId, idOrKey);
    if (link.origin === "auto") throw new AutoLinkError(itemId, link.jira.issueKey);
    await removeLink(
      ctx,
      null,
      link,
      `unlinked ${link.jira.issueKey} by hand; nothing deleted on either side`,
    );
  }

  return { syncLink, searchCrmRecords, linkRecord, preview, refresh, unlink };
}
