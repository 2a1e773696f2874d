import type { Link, SmartConnectedItem } from "@kobik/sync-core";
import { expect } from "vitest";
import type { KobikStore } from "../contracts/store.js";
import type { StorageErrorCode } from "../errors.js";

/** Gives the store of the running test. */
export type UseStore = () => KobikStore;

/** A fixed instant so expiry rules are tested without a real clock. */
export const T0 = Date.parse("2026-03-01T09:00:00.000Z");

/** `T0 + ms` as a `Date`. */
export function at(ms: number): Date {
  return new Date(T0 + ms);
}

/** A link with plausible values; `issueId` and `recordId` make it unique. */
export function makeLink(itemId: string, issueId: string, recordId: string, version = 0): Link {
  return {
    itemId,
    jira: { issueId, issueKey: `SUP-${issueId}` },
    crm: { module: "Deals", recordId },
    origin: "auto",
    base: {
      fields: {
        summary: { crm: { kind: "text", value: "Renewal" }, jira: { kind: "text", value: "Renewal" } },
      },
      crmModifiedTime: "2026-03-01T08:59:00+00:00",
      jiraUpdated: null,
      status: null,
      notes: [],
      attachments: [],
    },
    version,
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
  };
}

/** A minimal enabled (or disabled) item config. */
export function makeItem(id: string, enabled = true): SmartConnectedItem {
  return {
    id,
    name: `Item ${id}`,
    enabled,
    mode: "two-way",
    jira: { projectKey: "SUP", issueType: "Task" },
    crm: { module: "Deals" },
    displayFields: [],
    fieldMappings: [{ jiraField: "summary", crmField: "Deal_Name", direction: "both" }],
    features: {
      autoCreate: false,
      statusSync: false,
      notesSync: false,
      attachmentSync: false,
      noteDeletions: "record",
    },
    schedule: { kind: "interval", everyMinutes: 5 },
    conflictPolicy: { kind: "latest-change-wins", skewWindowMs: 2000, tieBreaker: "crm" },
  };
}

/**
 * Expects `promise` to reject with a storage error of `code` (and the given properties, e.g. the
 * `field` at fault). Matches on `code`, not `instanceof`, so a store built against another copy of
 * this package still passes.
 */
export async function expectStorageError(
  promise: Promise<unknown>,
  code: StorageErrorCode,
  props: Record<string, unknown> = {},
): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code, ...props });
}

/** Splits settled results into fulfilled values and rejection reasons. */
export function settle<T>(results: PromiseSettledResult<T>[]): { won: T[]; lost: unknown[] } {
  const won: T[] = [];
  const lost: unknown[] = [];
  for (const r of results) {
    if (r.status === "fulfilled") won.push(r.value);
    else lost.push(r.reason);
  }
  return { won, lost };
}
