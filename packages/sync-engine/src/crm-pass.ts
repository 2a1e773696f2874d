import type { CrmRecord, PreparedItem } from "@kobik/sync-core";
import { handleCrmRecords } from "./crm-records.js";
import { advance, type CrmCursor, pruneSeen, saveCursor } from "./cursors.js";
import { readAhead } from "./pool.js";
import { crmReadFields } from "./prepare.js";
import { emit } from "./progress.js";
import type { RunState } from "./run.js";
import { fetchCrmRecords } from "./snapshots.js";
import type { UserResolver } from "./users.js";

/**
 * The CRM side of a cycle: parked records first, then every record modified since the cursor (minus a
 * one-second overlap: Zoho compares whole seconds, strictly after), oldest first, one page at a time,
 * checkpointing the cursor after each page.
 */
export async function crmPass(
  run: RunState,
  prepared: PreparedItem,
  cursor: CrmCursor,
  users: UserResolver,
): Promise<void> {
  const { ctx } = run;
  const fields = crmReadFields(prepared);
  const module = prepared.item.crm.module;
  const retried = await retryParked(run, prepared, cursor, users, fields);
  let held = retried.held;
  const since =
    cursor.modifiedSince === null
      ? undefined
      : new Date(Date.parse(cursor.modifiedSince) - ctx.limits.crmOverlapMs);
  // Page N+1 is read while page N is handled (tokens past row 2,000 make the reads themselves sequential).
  const pages = readAhead(
    ctx.zoho.records.iterate({
      module,
      fields,
      sortBy: "Modified_Time",
      sortOrder: "asc",
      perPage: ctx.limits.crmPageSize,
      ...(since === undefined ? {} : { modifiedSince: since }),
    }),
  );
  // Page N+1 is handled while page N's creates are still in flight (at most two pages at once), but
  // each page's cursor checkpoint waits for the pages before it: the cursor never passes an unhandled record.
  let tail: Promise<void> = Promise.resolve();
  for await (const page of pages) {
    const records = page.items as CrmRecord[];
    if (records.length === 0) continue;
    emit(run, { kind: "crm-page-read", itemId: run.itemId, records: records.length });
    // A parked record retried above is not handled twice in one run.
    // Records only re-read because of the overlap window, unchanged since they were handled, are skipped.
    const fresh = records.filter(
      (r) =>
        !retried.outcomes.has(r.id) &&
        !(r.Modified_Time !== undefined && cursor.seen[r.id] === r.Modified_Time),
    );
    const handling = handleCrmRecords(run, prepared, fresh, users);
    // Observed by the checkpoint below (or by the wait on failure); never an unhandled rejection.
    handling.catch(() => undefined);
    const previous = tail;
    tail = previous.then(async () => {
      held = checkpointPage(run, cursor, records, retried.outcomes, await handling, held);
      await saveCursor(run, "crm", cursor);
      emit(run, { kind: "crm-page-done", itemId: run.itemId, records: records.length });
    });
    tail.catch(() => undefined);
    try {
      await previous;
    } catch (error) {
      await handling.catch(() => undefined);
      throw error;
    }
  }
  await tail;
}

/** Moves the cursor past a handled page's records (and marks the settled ones seen); returns `held`. */
function checkpointPage(
  run: RunState,
  cursor: CrmCursor,
  records: readonly CrmRecord[],
  retried: ReadonlyMap<string, boolean>,
  ok: ReadonlyMap<string, boolean>,
  held: boolean,
): boolean {
  const { ctx } = run;
  const entries = records.map((r) => ({
    id: r.id,
    time: typeof r.Modified_Time === "string" ? r.Modified_Time : null,
    ok: retried.get(r.id) ?? ok.get(r.id) ?? true,
  }));
  // A change in the current second may be followed by another with the same timestamp: not "seen".
  const settled = Math.floor(ctx.clock.now().getTime() / 1000) * 1000;
  for (const e of entries)
    if (e.ok && e.time !== null && Date.parse(e.time) < settled) cursor.seen[e.id] = e.time;
  const stillHeld = advance(cursor, entries, ctx.limits.maxParked, (t) => (cursor.modifiedSince = t), held);
  cursor.seen = pruneSeen(cursor.seen, cursor.modifiedSince, ctx.limits.crmOverlapMs + 1000);
  return stillHeld;
}

async function retryParked(
  run: RunState,
  prepared: PreparedItem,
  cursor: CrmCursor,
  users: UserResolver,
  fields: readonly string[],
): Promise<{ held: boolean; outcomes: Map<string, boolean> }> {
  if (cursor.parked.length === 0) return { held: false, outcomes: new Map() };
  const module = prepared.item.crm.module;
  const records: CrmRecord[] = [];
  const gone: string[] = [];
  const fetched = await fetchCrmRecords(run.ctx, module, cursor.parked, fields);
  for (const id of cursor.parked) {
    const record = fetched.get(id) ?? null;
    if (record === null) gone.push(id);
    else records.push(record);
  }
  const ok = await handleCrmRecords(run, prepared, records, users);
  const entries = [
    ...gone.map((id) => ({ id, time: null, ok: true })),
    ...records.map((r) => ({ id: r.id, time: null, ok: ok.get(r.id) ?? true })),
  ];
  const held = advance(cursor, entries, run.ctx.limits.maxParked, () => undefined, false);
  return { held, outcomes: new Map(entries.map((e) => [e.id, e.ok])) };
}
