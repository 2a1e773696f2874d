import type { Link } from "@kobik/sync-core";
import type { SyncRunResult } from "@kobik/sync-engine";
import { check, type DemoCheck } from "./check.js";
import type { Observer } from "./observe.js";
import type { DemoWorld } from "./world.js";

const SHOWN = 10;

function some(ids: readonly string[]): string {
  const head = ids.slice(0, SHOWN).join(", ");
  return ids.length > SHOWN ? `${head} and ${ids.length - SHOWN} more` : head || "none";
}

/**
 * Both sides of a linked pair for the given `[crm field, jira field]` pairs, with the times each side
 * last changed and what the link's base (the last sync) recorded: enough to tell a lost write from a
 * conflict decided the other way or a record the engine never re-read.
 */
export async function pairState(
  o: Observer,
  link: Link,
  fields: readonly (readonly [string, string])[],
): Promise<string[]> {
  const { module, recordId } = link.crm;
  const { issueKey } = link.jira;
  const stored = await o.link(link.itemId, recordId);
  const base = stored?.base;
  const lines = [
    `${issueKey} <-> ${recordId}: CRM Modified_Time ${o.crm(module, recordId, "Modified_Time")}, Jira updated ${o.jira(issueKey, "updated")}`,
    `  base: crmModifiedTime ${base?.crmModifiedTime ?? "none"}, jiraUpdated ${base?.jiraUpdated ?? "none"}, status ${JSON.stringify(base?.status ?? null)}`,
  ];
  for (const [crmField, jiraField] of fields)
    lines.push(
      `  ${crmField}/${jiraField}: CRM ${JSON.stringify(o.crm(module, recordId, crmField))}, Jira ${JSON.stringify(o.jira(issueKey, jiraField))}, base ${JSON.stringify(base?.fields[jiraField] ?? null)}`,
    );
  return lines;
}

/** Records, links and issues of one item agree one to one; on failure, names the ones that do not. */
export async function linkCountCheck(
  world: DemoWorld,
  o: Observer,
  itemId: string,
  module: string,
  project: string,
): Promise<DemoCheck> {
  const records = world.zoho.inspect.recordIds(module);
  const issues = world.jira.inspect.issueKeys().filter((k) => k.startsWith(`${project}-`));
  const links = await o.links(itemId);
  const n = records.length;
  return check(
    `${module}: one issue per record`,
    `${n} records = ${n} links = ${n} ${project} issues`,
    `${n} records = ${links.length} links = ${issues.length} ${project} issues`,
    () => {
      const linkedRecords = new Set(links.map((l) => l.crm.recordId));
      const linkedIssues = new Set(links.map((l) => l.jira.issueKey));
      const issueSet = new Set(issues);
      return [
        `records without a link: ${some(records.filter((r) => !linkedRecords.has(r)))}`,
        `${project} issues without a link: ${some(issues.filter((k) => !linkedIssues.has(k)))}`,
        `links to a missing issue: ${some(links.filter((l) => !issueSet.has(l.jira.issueKey)).map((l) => l.jira.issueKey))}`,
      ];
    },
  );
}

/** Every operation and create a dry run still planned, one line each with the fields it would change. */
export function operationsLeft(results: readonly SyncRunResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const c of r.creates)
      lines.push(`${r.itemId}: would create an issue for CRM record ${c.crmRecordId}`);
    for (const p of r.plans)
      for (const op of p.plan.operations) {
        const changes =
          "changes" in op
            ? op.changes.map((c) => `${c.field}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`)
            : [];
        lines.push(
          `${r.itemId}: ${p.jiraIssueKey} <-> ${p.crmRecordId}: ${op.kind}${changes.length ? ` (${changes.join("; ")})` : ""}`,
        );
      }
  }
  return lines;
}
