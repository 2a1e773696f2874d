import { type JiraWebhookDelivery, jiraDeliveryIssueId, jiraWebhookDeliverySchema } from "@kobik/jira-client";
import { paginate } from "@kobik/storage";
import type { CrmRecord, Link, SmartConnectedItem } from "@kobik/sync-core";
import { parseZohoNotification, ZohoNotificationError } from "@kobik/zoho-crm-client";
import { findAttachmentIssue } from "./attachment-event.js";
import { removeLink } from "./audit.js";
import type { EngineContext } from "./context.js";
import { handleCrmRecords } from "./crm-records.js";
import { EngineInputError, InvalidEventError, UnverifiedEventError } from "./errors.js";
import { syncPairs } from "./link-sync.js";
import { crmReadFields } from "./prepare.js";
import { runItem } from "./run-item.js";
import { fetchCrmRecords } from "./snapshots.js";
import type { JiraEventOptions, PushResult, SyncRunResult } from "./types.js";
import { createUserResolver } from "./users.js";

type Unlinked = PushResult["unlinked"][number];

/** Validates a Jira delivery (raw JSON text or parsed) and names the path at fault. */
function parseDelivery(payload: unknown): JiraWebhookDelivery {
  let value = payload;
  if (typeof payload === "string") {
    try {
      value = JSON.parse(payload);
    } catch (cause) {
      throw new InvalidEventError("the Jira delivery is not JSON", "(body)", cause);
    }
  }
  const parsed = jiraWebhookDeliverySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") || "(body)";
    throw new InvalidEventError(`the Jira delivery is not a known event: ${path}: ${issue?.message}`, path);
  }
  return parsed.data;
}

/** Checks the issue id a delivery names (numeric, as Jira's ids are; it goes into JQL). */
function checkIssueId(delivery: JiraWebhookDelivery, id: string | undefined): string | undefined {
  if (id !== undefined && !/^\d+$/.test(id))
    throw new InvalidEventError("the issue id is not numeric", "issue.id");
  if (id === undefined && delivery.webhookEvent !== "attachment_created")
    throw new InvalidEventError(`${delivery.webhookEvent} names no issue`, "issue.id");
  return id;
}

/** Push entry points: validate, then run the same per-link path cycles use, for the ids named. */
export function pushHandlers(ctx: EngineContext) {
  async function enabledItems(filter: (item: SmartConnectedItem) => boolean): Promise<SmartConnectedItem[]> {
    const out: SmartConnectedItem[] = [];
    for await (const item of paginate((page) => ctx.store.items.list({ ...page, enabled: true }), 100)) {
      if (filter(item)) out.push(item);
    }
    return out;
  }

  async function unlinkGone(link: Link, reason: string, unlinked: Unlinked[]): Promise<void> {
    await removeLink(ctx, null, link, reason);
    unlinked.push({ itemId: link.itemId, jiraIssueKey: link.jira.issueKey, crmRecordId: link.crm.recordId });
  }

  async function handleJiraEvent(payload: unknown, options: JiraEventOptions): Promise<PushResult> {
    if (options?.signatureVerified !== true) throw new UnverifiedEventError();
    const delivery = parseDelivery(payload);
    const named = checkIssueId(delivery, jiraDeliveryIssueId(delivery));
    const results: SyncRunResult[] = [];
    const unlinked: Unlinked[] = [];
    // A new Jira attachment concerns only items that copy attachments.
    const items = await enabledItems(
      (item) => delivery.webhookEvent !== "attachment_created" || item.features.attachmentSync,
    );
    const issueId =
      named ??
      (delivery.webhookEvent === "attachment_created"
        ? await findAttachmentIssue(ctx, items, delivery)
        : undefined);
    if (issueId === undefined) {
      // Not found yet (search lags): the attachment bumped the issue's `updated`, so a cycle copies it.
      ctx.log.info("sync.jira-event", { event: delivery.webhookEvent, issueId: null, runs: 0 });
      return { event: delivery.webhookEvent, results, unlinked };
    }
    for (const item of items) {
      const link = await ctx.store.links.getByJiraIssue(item.id, issueId);
      if (link === null) continue;
      if (delivery.webhookEvent === "jira:issue_deleted") {
        await unlinkGone(
          link,
          `Jira issue ${link.jira.issueKey} was deleted: unlinked, CRM record kept`,
          unlinked,
        );
        continue;
      }
      results.push(
        await runItem(ctx, item, { trigger: "push", mode: "apply" }, async (run, prepared) => {
          const fresh = await ctx.store.links.getByJiraIssue(item.id, issueId);
          if (fresh !== null) await syncPairs(run, prepared, [{ link: fresh }], createUserResolver(ctx));
        }),
      );
    }
    ctx.log.info("sync.jira-event", { event: delivery.webhookEvent, issueId, runs: results.length });
    return { event: delivery.webhookEvent, results, unlinked };
  }

  async function handleZohoNotification(body: unknown): Promise<PushResult> {
    const config = ctx.zohoNotifications;
    if (config === undefined)
      throw new EngineInputError("zohoNotifications", "configure the channel token first");
    let note: ReturnType<typeof parseZohoNotification>;
    try {
      note = parseZohoNotification(body, {
        expectedToken: config.token,
        ...(config.channelIds === undefined ? {} : { channelIds: config.channelIds }),
      });
    } catch (error) {
      if (!(error instanceof ZohoNotificationError)) throw error;
      const field =
        error.code === "TOKEN_MISMATCH"
          ? "token"
          : error.code === "UNKNOWN_CHANNEL"
            ? "channel_id"
            : "(body)";
      throw new InvalidEventError(error.message, field, error);
    }
    const results: SyncRunResult[] = [];
    const unlinked: Unlinked[] = [];
    for (const item of await enabledItems((i) => i.crm.module === note.module)) {
      if (note.operation === "delete") {
        for (const id of note.ids) {
          const link = await ctx.store.links.getByCrmRecord(item.id, id);
          if (link !== null)
            await unlinkGone(
              link,
              `CRM record ${id} was deleted: unlinked, ${link.jira.issueKey} kept`,
              unlinked,
            );
        }
        continue;
      }
      results.push(
        await runItem(ctx, item, { trigger: "push", mode: "apply" }, async (run, prepared) => {
          const records: CrmRecord[] = [];
          const fetched = await fetchCrmRecords(ctx, item.crm.module, note.ids, crmReadFields(prepared));
          for (const id of note.ids) {
            const record = fetched.get(id) ?? null;
            if (record !== null) records.push(record);
          }
          await handleCrmRecords(run, prepared, records, createUserResolver(ctx));
        }),
      );
    }
    ctx.log.info("sync.zoho-notification", {
      module: note.module,
      operation: note.operation,
      ids: note.ids.length,
    });
    return { event: `zoho:${note.module}:${note.operation}`, results, unlinked };
  }

  return { handleJiraEvent, handleZohoNotification };
}
