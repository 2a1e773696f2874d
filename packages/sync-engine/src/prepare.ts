import {
  type CrmFieldMeta,
  crmCriteriaFields,
  type JiraFieldMeta,
  type PreparedItem,
  prepareItem,
  type SmartConnectedItem,
} from "@kobik/sync-core";
import type { EngineContext } from "./context.js";
import { ItemConfigError, ItemNotFoundError } from "./errors.js";

/** Loads an item or throws `ItemNotFoundError`. */
export async function loadItem(ctx: EngineContext, itemId: string): Promise<SmartConnectedItem> {
  const item = await ctx.store.items.get(itemId);
  if (item === null) throw new ItemNotFoundError(itemId);
  return item;
}

/**
 * Checks the item against live field metadata of both sides and compiles it for planning. Metadata
 * costs two calls, read once per run (a field added or removed in either UI is seen at the next run).
 */
export async function prepare(ctx: EngineContext, item: SmartConnectedItem): Promise<PreparedItem> {
  const [crm, jira] = await Promise.all([
    ctx.zoho.metadata.fields(item.crm.module),
    ctx.jira.metadata.fields(),
  ]);
  const result = prepareItem(item, {
    crm: crm as unknown as CrmFieldMeta[],
    jira: jira as unknown as JiraFieldMeta[],
  });
  if (!result.ok) throw new ItemConfigError(item.id, result.issues);
  return result.value;
}

/**
 * CRM fields a cycle reads (Zoho requires a list, at most 50): times, the fields the item's criteria
 * test (first, so the scope is never judged on a missing field), mapped, template, status, display.
 */
export function crmReadFields(prepared: PreparedItem): string[] {
  const item = prepared.item;
  const names = new Set<string>(["Modified_Time"]);
  if (prepared.scope !== null) for (const name of crmCriteriaFields(prepared.scope)) names.add(name);
  for (const m of item.fieldMappings) {
    if (m.crmField !== undefined) names.add(m.crmField);
    if (m.transform?.kind === "template") {
      for (const [, name] of m.transform.template.matchAll(/\{\{\s*([A-Za-z0-9_$]+)\s*\}\}/g))
        names.add(name ?? "");
    }
  }
  if (item.statusMapping !== undefined && item.features.statusSync) names.add(item.statusMapping.crmField);
  for (const name of item.displayFields) names.add(name);
  names.delete("");
  return [...names].slice(0, 50);
}

/** Jira fields a cycle reads: mapped fields, status, times, attachments, and the summary for previews. */
export function jiraReadFields(prepared: PreparedItem): string[] {
  const names = new Set<string>(["summary", "status", "updated", "project", "issuetype"]);
  for (const m of prepared.mappings) names.add(m.key);
  if (prepared.item.features.attachmentSync) names.add("attachment");
  return [...names];
}
