import type { PreparedMapping } from "../mapping/compile.js";
import { toCrmWire, toJiraWire } from "../mapping/wire.js";
import type { FieldAccumulator } from "./fields.js";
import type { PlanLinkInput } from "./plan-link.js";
import type { StatusOutcome } from "./status.js";
import type { FieldChange, SyncOperation } from "./types.js";

type Write = FieldAccumulator["jiraWrites"][number];

/** Turns merged field writes and the status outcome into at most three operations, in a fixed order. */
export function buildFieldOperations(
  input: PlanLinkInput,
  acc: FieldAccumulator,
  status: StatusOutcome | undefined,
): SyncOperation[] {
  const operations: SyncOperation[] = [];
  if (acc.jiraWrites.length > 0) operations.push(jiraUpdate(input, acc.jiraWrites));
  if (status?.transitionTo !== undefined) operations.push(transition(input, status.transitionTo));
  const crmStatus = status?.crmValue;
  if (acc.crmWrites.length > 0 || crmStatus !== undefined)
    operations.push(crmUpdate(input, acc.crmWrites, crmStatus));
  return operations;
}

function jiraUpdate(input: PlanLinkInput, writes: readonly Write[]): SyncOperation {
  const { jira } = input;
  const { fields, userFields } = wireFields(
    writes,
    (w) => w.key,
    (w) => toJiraWire(w.change.to, w.mapping.jiraWire),
    (m) => m.jiraWire === "user",
  );
  const changes = writes.map((w) => w.change);
  return {
    kind: "jira.updateFields",
    opId: `jira.updateFields:${jira.id}`,
    issueId: jira.id,
    issueKey: jira.key,
    fields,
    userFields,
    changes,
  };
}

function transition(input: PlanLinkInput, toStatus: string): SyncOperation {
  const { jira, link } = input;
  const current =
    (jira.fields.status as { name?: string } | null | undefined)?.name ?? link.base.status?.jira ?? null;
  return {
    kind: "jira.transition",
    opId: `jira.transition:${jira.id}`,
    issueId: jira.id,
    issueKey: jira.key,
    fromStatus: current,
    toStatus,
  };
}

function crmUpdate(
  input: PlanLinkInput,
  writes: readonly Write[],
  statusValue: string | undefined,
): SyncOperation {
  const { link } = input;
  const nameOf = (w: Write) => w.mapping.crmField ?? w.key;
  const { fields, userFields } = wireFields(
    writes,
    nameOf,
    (w) => toCrmWire(w.change.to, w.mapping.crmWire),
    (m) => m.crmWire === "user",
  );
  const changes: FieldChange[] = writes.map((w) => w.change);
  const statusField = input.item.status?.crmField;
  if (statusValue !== undefined && statusField !== undefined) {
    fields[statusField] = statusValue;
    const before = input.crm[statusField];
    const from =
      typeof before === "string"
        ? ({ kind: "picklist", value: before } as const)
        : ({ kind: "null" } as const);
    changes.push({ field: statusField, from, to: { kind: "picklist", value: statusValue } });
  }
  const { module, recordId } = link.crm;
  return {
    kind: "crm.updateRecord",
    opId: `crm.updateRecord:${recordId}`,
    module,
    recordId,
    fields,
    userFields,
    changes,
  };
}

function wireFields(
  writes: readonly Write[],
  nameOf: (write: Write) => string,
  wireOf: (write: Write) => unknown,
  isUser: (mapping: PreparedMapping) => boolean,
): { fields: Record<string, unknown>; userFields: string[] } {
  const fields: Record<string, unknown> = {};
  const userFields: string[] = [];
  for (const write of writes) {
    fields[nameOf(write)] = wireOf(write);
    if (isUser(write.mapping)) userFields.push(nameOf(write));
  }
  return { fields, userFields };
}
