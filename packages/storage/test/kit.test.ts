import {
  buildAuditEvent,
  buildPendingIntent,
  buildRunningRun,
  checkLinkDelete,
  checkLinkSave,
  completeIntent,
  decodePageToken,
  finishRun,
  grantLease,
  isLeaseHeld,
  leaseLostReason,
  readAcquireLease,
  readAuditFilter,
  readPageRequest,
  toPage,
  validateLinkDelete,
  validateLinkSave,
  validateSecretValue,
} from "@kobik/storage";
import { emptyLinkBase, type Link } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";

const now = new Date("2026-03-01T09:00:00Z");
const later = new Date("2026-03-01T09:00:05Z");

function link(recordId = "r1"): Link {
  return {
    itemId: "deals",
    jira: { issueId: "10001", issueKey: "KOB-1" },
    crm: { module: "Deals", recordId },
    origin: "auto",
    base: emptyLinkBase(),
    version: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

const counts = { examined: 1, created: 1, updated: 0, unchanged: 0, conflicts: 0, skipped: 0, failed: 0 };

describe("implementer's kit", () => {
  it("builds a running run and finishes it once, naming the field at fault", () => {
    const run = buildRunningRun({ id: "run-1", itemId: "deals", trigger: "manual", mode: "apply", now });
    expect(run).toEqual({
      id: "run-1",
      itemId: "deals",
      trigger: "manual",
      mode: "apply",
      startedAt: now.toISOString(),
      status: "running",
    });
    const input = {
      id: "run-1",
      outcome: "succeeded",
      counts,
      apiCalls: { crm: 2, jira: 3 },
      errors: [],
      now: later,
    } as const;
    const done = finishRun(run, input);
    expect(done).toMatchObject({ status: "succeeded", durationMs: 5000, apiCalls: { crm: 2, jira: 3 } });
    expect(() => finishRun(done, input)).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
    expect(() => finishRun(null, input)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => finishRun(run, { ...input, counts: { ...counts, failed: -1 } })).toThrow(
      expect.objectContaining({ field: "counts.failed" }),
    );
  });

  it("builds audit events without seq and validates filters", () => {
    const draft = buildAuditEvent({
      itemId: "deals",
      runId: null,
      action: "link.saved",
      link: { jiraIssueId: "10001", crmRecordId: "r1" },
      reason: "",
      changes: [{ field: "summary", from: null, to: "x" }],
      now,
    });
    expect(draft).not.toHaveProperty("seq");
    expect(draft.at).toBe(now.toISOString());
    expect(readAuditFilter({ by: "run", runId: "run-1" })).toEqual({ by: "run", runId: "run-1" });
    expect(() => readAuditFilter({ by: "nope" } as never)).toThrow(
      expect.objectContaining({ field: "filter.by" }),
    );
  });

  it("decides link saves and deletes from the stored state", () => {
    const save = validateLinkSave(link(), { expectedVersion: 0 });
    expect(checkLinkSave(save, { currentVersion: 0, recordOwner: null }).version).toBe(1);
    expect(() => checkLinkSave(save, { currentVersion: 1, recordOwner: null })).toThrow(
      expect.objectContaining({ code: "VERSION_CONFLICT", actualVersion: 1 }),
    );
    expect(() => checkLinkSave(save, { currentVersion: 0, recordOwner: "10002" })).toThrow(
      expect.objectContaining({ code: "DUPLICATE" }),
    );
    expect(() =>
      validateLinkSave({ ...link(), crm: { module: "Deals", recordId: "" } }, { expectedVersion: 0 }),
    ).toThrow(expect.objectContaining({ field: "link.crm.recordId" }));
    const del = validateLinkDelete("deals", "10001", { expectedVersion: 2 });
    expect(() => checkLinkDelete(del, 3)).toThrow(expect.objectContaining({ code: "VERSION_CONFLICT" }));
    expect(() => checkLinkDelete(validateLinkDelete("deals", "10001"), 3)).not.toThrow();
  });

  it("moves intents pending -> completed once, and repeats are no-ops", () => {
    const pending = buildPendingIntent({ key: "k", itemId: "deals", target: "jira", sourceId: "r1", now });
    const first = completeIntent(pending, { key: "k", createdId: "10001", now: later });
    expect(first.changed).toBe(true);
    expect(completeIntent(first.intent, { key: "k", createdId: "10001", now: later }).changed).toBe(false);
    expect(() => completeIntent(first.intent, { key: "k", createdId: "10002", now: later })).toThrow(
      expect.objectContaining({ code: "INVALID_STATE" }),
    );
  });

  it("grants leases with increasing tokens and names why a token lost", () => {
    const request = readAcquireLease({ name: "item:deals", holder: "cli", ttlMs: 1000, now });
    const grant = grantLease(request, 4);
    expect(grant.token).toBe(5);
    expect(isLeaseHeld(grant, now.getTime())).toBe(true);
    expect(isLeaseHeld(grant, now.getTime() + 1000)).toBe(false);
    expect(leaseLostReason(grant, 5, now.getTime())).toBeNull();
    expect(leaseLostReason(grant, 4, now.getTime())).toBe("superseded");
    expect(leaseLostReason(grant, 5, now.getTime() + 1000)).toBe("expired");
    expect(leaseLostReason(null, 1, now.getTime())).toBe("unknown-lease");
  });

  it("pages rows by keyset and refuses foreign tokens", () => {
    const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const page = toPage(
      rows,
      2,
      (r) => [r.id],
      (r) => r.id,
    );
    expect(page).toEqual({ items: ["a", "b"], nextPageToken: '["b"]' });
    expect(readPageRequest({ limit: 2, pageToken: page.nextPageToken }, 1)).toEqual({
      limit: 2,
      after: ["b"],
    });
    expect(() => decodePageToken('["a",1]', 1)).toThrow(expect.objectContaining({ field: "pageToken" }));
    expect(() => readPageRequest({ limit: 0 })).toThrow(expect.objectContaining({ field: "limit" }));
  });

  it("refuses an empty secret without echoing values", () => {
    expect(() => validateSecretValue("")).toThrow(expect.objectContaining({ field: "value" }));
    expect(validateSecretValue("s3cret")).toBe("s3cret");
  });
});
