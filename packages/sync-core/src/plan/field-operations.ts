import { toCrmWire, toJiraWire } from "../mapping/wire.js";
import type { FieldAccumulator } from "./fields.js";
import type { PlanLinkInput } from "./plan-link.js";
import type { StatusOutcome } from "./status.js";
import type { FieldChange, SyncOperation } from "./types.js";

/** Turns merged field writes and the status outcome into at most three operations, in a fixed order. */
export function buildFieldOperations(
  input: PlanLinkInput,
  acc: FieldAccumulator,
  status: StatusOutcome | undefined,
): SyncOperation[] {
  const operations: SyncOperation[] = [];
  const { jira, link } = input;
  if (acc.jiraWrites.length > 0) {
    const fields: Record<string, unknown> = {};
    const userFields: string[] = [];
    for (const write of acc.jiraWrites) {
      fields[write.key] = toJiraWire(write.change.to, write.mapping.jiraWire);
      if (write.mapping.jiraWire === "user") userFields.push(write.key);
    }
    const changes = acc.jiraWrites.map((w) => w.change);
    operations.push({
      kind: "jira.updateFields",
      opId: `jira.updateFields:${jira.id}`,
      issueId: jira.id,
      issueKey: jira.key,
      fields,
      userFields,
      changes,
    });
  }
  if (status?.transitionTo !== undefined) {
    const from = link.base.status?.jira ?? null;
    const current = (jira.fields.status as { name?: string } | null | undefined)?.name ?? from;
    operations.push({
      kind: "jira.transition",
      opId: `jira.transition:${jira.id}`,
      issueId: jira.id,
      issueKey: jira.key,
      fromStatus: current,
      toStatus: status.transitionTo,
    });
  }
  const crmChanges: FieldChange[] = acc.crmWrites.map((w) => w.change);
  const crmStatusField = input.item.status?.crmField;
  if (acc.crmWrites.length > 0 || (status?.crmValue !== undefined && crmStatusField !== undefined)) {
    const fields: Record<string, unknown> = {};
    const userFields: string[] = [];
    for (const write of acc.crmWrites) {
      const name = write.mapping.crmField ?? write.key;
      fields[name] = toCrmWire(write.change.to, write.mapping.crmWire);
      if (write.mapping.crmWire === "user") userFields.push(name);
    }
    if (status?.crmValue !== undefined && crmStatusField !== undefined) {
      fields[crmStatusField] = status.crmValue;
      const before = input.crm[crmStatusField];
      crmChanges.push({
        field: crmStatusField,
        from: typeof before === "string" ? { kind: "picklist", value: before } : { kind: "null" },
        to: { kind: "picklist", value: status.crmValue },
      });
    }
    operations.push({
      kind: "crm.updateRecord",
      opId: `crm.updateRecord:${link.crm.recordId}`,
      module: link.crm.module,
      recordId: link.crm.recordId,
      fields,
      userFields,
      changes: crmChanges,
    });
  }
  return operations;
}
