import type { CrmRecord } from "@kobik/sync-core";
import type { ZohoPage, ZohoRecord } from "@kobik/zoho-crm-client";

/** Which end of the feed's `Modified_Time` order a read starts from. */
export type FeedEnd = "oldest" | "newest";

/**
 * One pass over the CRM feed read from both ends at once. Past row 2,000 Zoho pages only by the token
 * of the previous page, so one read is a chain of sequential calls; two reads, oldest-first and
 * newest-first, halve that chain. They stop where they meet, and each record is claimed by the first
 * end that hands it out, so it is handled once per pass.
 */
export interface FeedMeeting {
  /** Records a page one end has read; `more` is Zoho's `more_records`. */
  saw(end: FeedEnd, records: readonly ZohoRecord[], more: boolean): void;
  /** True once `end` has nothing left to read: the other end covers the rest (or the pass is closed). */
  doneFor(end: FeedEnd): boolean;
  /** Of `records`, those no end claimed before: they are now `end`'s. */
  claim(end: FeedEnd, records: readonly CrmRecord[]): CrmRecord[];
  /** Which end claimed a record this pass, if any. */
  claimant(id: string): FeedEnd | undefined;
  /** Resolves once the oldest-first read's first page is in: whether the newest-first read is needed. */
  readonly needsNewest: Promise<boolean>;
  /** Stops both reads at their next page (a failed pass must not read on). */
  close(): void;
}

function modifiedMs(record: ZohoRecord): number {
  const at = record.Modified_Time;
  return typeof at === "string" ? Date.parse(at) : Number.NaN;
}

/** Starts the meeting bookkeeping of one feed pass. */
export function createFeedMeeting(): FeedMeeting {
  // The oldest-first read has seen every record modified before `oldestReach`, the newest-first one
  // every record modified after `newestReach`. Records of the very second where they meet may still
  // sit unread between them (ties have no documented order), so the newest-first read stops once it
  // reaches the oldest-first one, which goes on until it passes that second. Many records sharing one
  // second (an import) then cost one read of them, not two.
  let oldestReach = Number.NEGATIVE_INFINITY;
  let newestReach = Number.POSITIVE_INFINITY;
  let exhausted = false;
  const claims = new Map<string, FeedEnd>();
  let decideNewest: (needed: boolean) => void = () => undefined;
  const needsNewest = new Promise<boolean>((resolve) => {
    decideNewest = resolve;
  });
  const meeting: FeedMeeting = {
    saw(end, records, more) {
      for (const record of records) {
        const at = modifiedMs(record);
        if (Number.isNaN(at)) continue;
        if (end === "oldest") oldestReach = Math.max(oldestReach, at);
        else newestReach = Math.min(newestReach, at);
      }
      if (!more) exhausted = true;
      if (end === "oldest") decideNewest(!meeting.doneFor("newest"));
    },
    doneFor(end) {
      if (exhausted) return true;
      return end === "oldest" ? oldestReach > newestReach : newestReach <= oldestReach;
    },
    claim(end, records) {
      return records.filter((record) => {
        if (claims.has(record.id)) return false;
        claims.set(record.id, end);
        return true;
      });
    },
    claimant: (id) => claims.get(id),
    needsNewest,
    close() {
      exhausted = true;
      decideNewest(false);
    },
  };
  return meeting;
}

/** Hands out one end's pages until the two ends have met. */
export async function* readEnd(
  pages: AsyncIterable<ZohoPage<ZohoRecord>>,
  end: FeedEnd,
  meeting: FeedMeeting,
): AsyncGenerator<readonly CrmRecord[], void, undefined> {
  if (end === "newest" && !(await meeting.needsNewest)) return;
  for await (const page of pages) {
    meeting.saw(end, page.items, page.info.moreRecords);
    yield page.items as CrmRecord[];
    if (meeting.doneFor(end)) return;
  }
}
