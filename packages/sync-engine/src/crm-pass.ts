import type { CrmRecord, PreparedItem } from "@kobik/sync-core";
import { createFeedMeeting, type FeedEnd, type FeedMeeting, readEnd } from "./crm-feed.js";
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
 * one-second overlap: Zoho compares whole seconds, strictly after). The feed is read from both ends
 * when it has more than one page (see {@link FeedMeeting}): oldest first, checkpointing the cursor
 * after each page, and newest first, whose pages are checkpointed once the ends have met and all
 * their records are handled, so the cursor never passes an unhandled record.
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
  const since =
    cursor.modifiedSince === null
      ? undefined
      : new Date(Date.parse(cursor.modifiedSince) - ctx.limits.crmOverlapMs);
  const meeting = createFeedMeeting();
  // Each end reads page N+1 while page N is handled.
  const read = (end: FeedEnd) =>
    readAhead(
      readEnd(
        ctx.zoho.records.iterate({
          module,
          fields,
          sortBy: "Modified_Time",
          sortOrder: end === "oldest" ? "asc" : "desc",
          perPage: ctx.limits.crmPageSize,
          ...(since === undefined ? {} : { modifiedSince: since }),
        }),
        end,
        meeting,
      ),
    );
  // A parked record retried above is not handled twice in one run. Records only re-read because of
  // the overlap window, unchanged since they were handled, are skipped.
  const isFresh = (r: CrmRecord) =>
    !retried.outcomes.has(r.id) && !(r.Modified_Time !== undefined && cursor.seen[r.id] === r.Modified_Time);
  const handle = (records: readonly CrmRecord[]) =>
    handleCrmRecords(run, prepared, records.filter(isFresh), users);
  const checkpoints = feedCheckpoints(run, cursor, meeting, retried);
  const ends = await Promise.allSettled([
    handleEnd(run, "oldest", read("oldest"), meeting, handle, checkpoints.oldestPage).finally(() =>
      meeting.close(),
    ),
    handleEnd(run, "newest", read("newest"), meeting, handle, checkpoints.newestPage).catch(
      (error: unknown) => {
        meeting.close();
        throw error;
      },
    ),
  ]);
  for (const end of ends) if (end.status === "rejected") throw end.reason;
  await checkpoints.finish();
}

type PageDone = (
  page: readonly CrmRecord[],
  claimed: readonly CrmRecord[],
  ok: ReadonlyMap<string, boolean>,
) => Promise<void>;

/**
 * Moves the cursor as pages are handled. Oldest-first pages checkpoint in read order, up to the
 * first record the newest end claimed; what lies past it (the meeting zone) and every newest-first
 * page wait for `finish`, which runs only when both ends succeeded, in `Modified_Time` order.
 */
function feedCheckpoints(
  run: RunState,
  cursor: CrmCursor,
  meeting: FeedMeeting,
  retried: { held: boolean; outcomes: ReadonlyMap<string, boolean> },
): { oldestPage: PageDone; newestPage: PageDone; finish: () => Promise<void> } {
  const deferred: Entry[] = [];
  let held = retried.held;
  let reachedMeeting = false;
  return {
    async oldestPage(page, claimed, ok) {
      const mine = new Set(claimed.map((r) => r.id));
      const cut = reachedMeeting ? 0 : page.findIndex((r) => meeting.claimant(r.id) === "newest");
      reachedMeeting ||= cut !== -1;
      const split = cut === -1 ? page.length : cut;
      const own = (records: readonly CrmRecord[]) =>
        toEntries(
          records.filter((r) => mine.has(r.id)),
          retried.outcomes,
          ok,
        );
      deferred.push(...own(page.slice(split)));
      held = checkpoint(run, cursor, own(page.slice(0, split)), held);
      await saveCursor(run, "crm", cursor);
    },
    async newestPage(_page, claimed, ok) {
      deferred.push(...toEntries(claimed, retried.outcomes, ok));
    },
    async finish() {
      if (deferred.length === 0) return;
      deferred.sort((x, y) => timeOf(x) - timeOf(y));
      held = checkpoint(run, cursor, deferred, held);
      await saveCursor(run, "crm", cursor);
    },
  };
}

/** A record's place in the feed for the cursor: its `Modified_Time` and whether it was handled. */
interface Entry {
  readonly id: string;
  readonly time: string | null;
  readonly ok: boolean;
}

function timeOf(entry: Entry): number {
  return entry.time === null ? Number.NEGATIVE_INFINITY : Date.parse(entry.time);
}

function toEntries(
  records: readonly CrmRecord[],
  retried: ReadonlyMap<string, boolean>,
  ok: ReadonlyMap<string, boolean>,
): Entry[] {
  return records.map((r) => ({
    id: r.id,
    time: typeof r.Modified_Time === "string" ? r.Modified_Time : null,
    ok: retried.get(r.id) ?? ok.get(r.id) ?? true,
  }));
}

/**
 * Handles one end's pages in read order: page N+1 is handled while page N's creates are still in
 * flight (at most two pages at once), and `done` runs per page after the pages before it. A page's
 * records are claimed first, so a record the other end already holds is not handled twice.
 */
async function handleEnd(
  run: RunState,
  end: FeedEnd,
  pages: AsyncIterable<readonly CrmRecord[]>,
  meeting: FeedMeeting,
  handle: (records: readonly CrmRecord[]) => Promise<Map<string, boolean>>,
  done: PageDone,
): Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  for await (const page of pages) {
    const claimed = meeting.claim(end, page);
    if (claimed.length === 0) continue;
    emit(run, { kind: "crm-page-read", itemId: run.itemId, records: claimed.length });
    const handling = handle(claimed);
    // Observed by `done` (or by the wait on failure); never an unhandled rejection.
    handling.catch(() => undefined);
    const previous = tail;
    tail = previous.then(async () => {
      await done(page, claimed, await handling);
      emit(run, { kind: "crm-page-done", itemId: run.itemId, records: claimed.length });
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

/** Moves the cursor past handled entries in feed order (and marks the settled ones seen); returns `held`. */
function checkpoint(run: RunState, cursor: CrmCursor, entries: readonly Entry[], held: boolean): boolean {
  const { ctx } = run;
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
