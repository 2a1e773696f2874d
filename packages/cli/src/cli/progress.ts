import type { SyncProgressEvent } from "@kobik/sync-engine";
import type { MultiBar, SingleBar } from "cli-progress";
import type { Output } from "./output.js";

/** Progress of one or more items' runs: bars on a TTY, plain lines otherwise, nothing in JSON mode. */
export interface Progress {
  /** Starts an item; `total` is the records expected, when known (e.g. the demo's seed). */
  begin(itemId: string, module: string, total: number | null): void;
  /** The engine's progress listener (`runCycle`'s `onProgress`). */
  readonly onProgress: (event: SyncProgressEvent) => void;
  /** Ends an item with a one-line summary. */
  end(itemId: string, summary: string): void;
  stop(): void;
}

interface Track {
  readonly module: string;
  read: number;
  done: number;
  created: number;
  readonly total: number | null;
  bar: SingleBar | null;
}

const totalOf = (t: Track) => Math.max(t.total ?? 0, t.read, t.done, 1);

/** Applies one engine event to its item's counters; returns whether a plain progress line is due. */
function apply(t: Track, event: SyncProgressEvent): boolean {
  switch (event.kind) {
    case "crm-page-read":
      t.read += event.records;
      return false;
    case "crm-page-done":
      t.done += event.records;
      return true;
    case "issues-created":
      t.created += event.created;
      return false;
    default:
      return false;
  }
}

/** Bars on the terminal; `cli-progress` is loaded only when there is a terminal to draw on. */
async function bars(out: Output): Promise<MultiBar> {
  const { MultiBar, Presets } = await import("cli-progress");
  return new MultiBar(
    {
      stream: out.stderr as NodeJS.WritableStream,
      format: " {item} [{bar}] {value}/{total} records | {read} read, {created} issues created",
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
}

/**
 * Progress from the engine's own events: CRM records read, records handled (the cursor moved past
 * them) and issues created. The bar is records handled over `max(total, read)`.
 */
export async function createProgress(out: Output): Promise<Progress> {
  const tty = out.stderr.isTTY === true && !out.json;
  const multi = tty ? await bars(out) : null;
  const items = new Map<string, Track>();
  const draw = (itemId: string, t: Track) => {
    t.bar?.setTotal(totalOf(t));
    t.bar?.update(t.done, { item: itemId.padEnd(10), read: t.read, created: t.created });
  };
  return {
    begin(itemId, module, total) {
      const track: Track = { module, read: 0, done: 0, created: 0, total, bar: null };
      items.set(itemId, track);
      if (multi)
        track.bar = multi.create(totalOf(track), 0, { item: itemId.padEnd(10), read: 0, created: 0 });
      else if (!out.json)
        out.note(`${itemId}: syncing ${module}${total === null ? "" : ` (${total} records)`}`);
    },
    onProgress(event) {
      const t = items.get(event.itemId);
      if (!t) return;
      const line = apply(t, event);
      if (multi) draw(event.itemId, t);
      else if (line && !out.json)
        out.note(`  ${t.module}: ${t.done} CRM records handled, ${t.created} issues created`);
    },
    end(itemId, summary) {
      const t = items.get(itemId);
      if (t?.bar) draw(itemId, t);
      if (!multi && !out.json) out.note(`${itemId}: ${summary}`);
      else if (multi) multi.log(`${itemId}: ${summary}\n`);
    },
    stop() {
      multi?.stop();
    },
  };
}
