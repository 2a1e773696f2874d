import type { JsonValue } from "@kobik/storage";
import type { RunState } from "./run.js";

/**
 * Where an item's CRM feed resumes. `modifiedSince` is the `Modified_Time` of the last record fully
 * handled; `parked` lists records that failed and are retried first next run, so one bad record never
 * holds back the rest; `deletedSince` is where the deleted-records feed resumes.
 */
export interface CrmCursor {
  modifiedSince: string | null;
  deletedSince: string | null;
  /** Where the notes feed resumes: a new note does not change its record's `Modified_Time`. */
  notesSince: string | null;
  /** `Modified_Time` of records inside the overlap window when last handled (see `JiraCursor.seen`). */
  seen: Record<string, string>;
  parked: string[];
  /**
   * Where the attachment sweep resumes in the item's link order: the link store's page token after
   * the last link it checked, `null` to start from the first link.
   */
  sweepAfter: string | null;
}

/**
 * Where an item's Jira feed resumes: the `updated` of the last issue fully handled, parked issue ids,
 * and `seen`: the `updated` each issue inside the overlap window had when it was last handled, so the
 * re-read window costs a search page, not a sync per issue.
 */
export interface JiraCursor {
  updatedSince: string | null;
  parked: string[];
  seen: Record<string, string>;
  /**
   * When the last complete, unheld Jira pass started (engine clock). Everything updated more than the
   * overlap window before it was visible to that pass, so the next pass need not look further back than
   * that, measured as a duration in Jira's own clock (a relative JQL date): a quiet feed stops re-reading
   * the last burst of changes once the window has passed.
   */
  lastPassAt: string | null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function text(value: unknown): string | null {
  return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : null;
}

function seenOf(value: unknown): Record<string, string> {
  const seen: Record<string, string> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return seen;
  for (const [id, at] of Object.entries(value as Record<string, unknown>))
    if (typeof at === "string") seen[id] = at;
  return seen;
}

// Bounded so a cursor stays small; beyond it Jira re-reads fall back to the link base's `jiraUpdated`.
const MAX_SEEN = 5000;

/** Keeps `seen` to the entries the next overlap window can return (newest first), and bounded. */
export function pruneSeen(
  seen: Record<string, string>,
  cursor: string | null,
  windowMs: number,
): Record<string, string> {
  if (cursor === null) return seen;
  const floor = Date.parse(cursor) - windowMs;
  const kept = Object.entries(seen)
    .filter(([, at]) => Date.parse(at) >= floor)
    .sort((a, b) => Date.parse(b[1]) - Date.parse(a[1]))
    .slice(0, MAX_SEEN);
  return Object.fromEntries(kept);
}

/** Reads the CRM cursor; anything unreadable starts from scratch (a full, idempotent re-read). */
export async function readCrmCursor(run: RunState): Promise<CrmCursor> {
  const raw = (await run.ctx.store.cursors.get(run.itemId, "crm")) as Record<string, unknown> | null;
  return {
    modifiedSince: text(raw?.modifiedSince),
    deletedSince: text(raw?.deletedSince),
    notesSince: text(raw?.notesSince),
    seen: seenOf(raw?.seen),
    parked: strings(raw?.parked),
    sweepAfter: typeof raw?.sweepAfter === "string" ? raw.sweepAfter : null,
  };
}

/** Reads the Jira cursor. */
export async function readJiraCursor(run: RunState): Promise<JiraCursor> {
  const raw = (await run.ctx.store.cursors.get(run.itemId, "jira")) as Record<string, unknown> | null;
  return {
    updatedSince: text(raw?.updatedSince),
    parked: strings(raw?.parked),
    seen: seenOf(raw?.seen),
    lastPassAt: text(raw?.lastPassAt),
  };
}

/**
 * Saves a cursor, fenced by the item lease; dry runs never write one. The lease is not renewed here:
 * the run's heartbeat keeps it (see `keepLease`), between checkpoints as much as at them.
 */
export async function saveCursor(
  run: RunState,
  side: "crm" | "jira",
  cursor: CrmCursor | JiraCursor,
): Promise<void> {
  const fence = run.fence();
  if (run.mode === "dry-run" || fence === undefined) return;
  await run.ctx.store.cursors.set(run.itemId, side, cursor as unknown as JsonValue, { fence });
}

/**
 * Advances a cursor over records handled in feed order: a failed record is parked while there is room,
 * else the cursor stops before it and stays there for the rest of the run (returns `true`: held), so
 * it is read again next run.
 */
export function advance(
  cursor: { parked: string[] },
  entries: readonly { id: string; time: string | null; ok: boolean }[],
  maxParked: number,
  setTime: (time: string) => void,
  held: boolean,
): boolean {
  const parked = new Set(cursor.parked);
  let holding = held;
  for (const entry of entries) {
    if (entry.ok) parked.delete(entry.id);
    else if (parked.has(entry.id) || parked.size < maxParked) parked.add(entry.id);
    else holding = true;
    if (!holding && entry.time !== null) setTime(entry.time);
  }
  cursor.parked = [...parked];
  return holding;
}
