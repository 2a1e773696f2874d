import { MultiBar, Presets, type SingleBar } from "cli-progress";
import type { EngineObserver } from "./engine-host.js";
import type { Output } from "./output.js";

/** Progress of one or more items' runs: bars on a TTY, plain lines otherwise, nothing in JSON mode. */
export interface Progress extends EngineObserver {
  /** Starts an item; `total` is the records expected, when known (e.g. the demo's seed). */
  begin(itemId: string, module: string, total: number | null): void;
  /** Ends an item with a one-line summary. */
  end(itemId: string, summary: string): void;
  stop(): void;
}

interface Track {
  readonly module: string;
  read: number;
  saved: number;
  readonly total: number | null;
  bar: SingleBar | null;
}

/**
 * Progress drawn from what the host observes: records read per CRM page and links saved. During a
 * backfill every record read becomes a link, so `saved / max(total, read)` is the work done.
 */
export function createProgress(out: Output): Progress {
  const tty = out.stderr.isTTY === true && !out.json;
  const multi = tty
    ? new MultiBar(
        {
          stream: out.stderr as NodeJS.WritableStream,
          format: " {item} [{bar}] {value}/{total} links | {read} CRM records read",
          hideCursor: true,
          clearOnComplete: false,
        },
        Presets.shades_classic,
      )
    : null;
  const items = new Map<string, Track>();
  const byModule = (module: string) => [...items.values()].filter((t) => t.module === module);
  const totalOf = (t: Track) => Math.max(t.total ?? 0, t.read, t.saved, 1);
  const draw = (itemId: string, t: Track) =>
    t.bar?.update(t.saved, { item: itemId.padEnd(10), read: t.read });
  return {
    begin(itemId, module, total) {
      const track: Track = { module, read: 0, saved: 0, total, bar: null };
      items.set(itemId, track);
      if (multi) track.bar = multi.create(totalOf(track), 0, { item: itemId.padEnd(10), read: 0 });
      else if (!out.json)
        out.note(`${itemId}: syncing ${module}${total === null ? "" : ` (${total} records)`}`);
    },
    recordsRead(module, count) {
      for (const t of byModule(module)) {
        t.read += count;
        t.bar?.setTotal(totalOf(t));
        if (!multi && !out.json) out.note(`  ${module}: ${t.read} CRM records read, ${t.saved} links saved`);
      }
    },
    linkSaved(itemId) {
      const t = items.get(itemId);
      if (!t) return;
      t.saved += 1;
      t.bar?.setTotal(totalOf(t));
      draw(itemId, t);
    },
    end(itemId, summary) {
      const t = items.get(itemId);
      if (t?.bar) {
        t.bar.setTotal(totalOf(t));
        draw(itemId, t);
      }
      if (!multi && !out.json) out.note(`${itemId}: ${summary}`);
      else if (multi) multi.log(`${itemId}: ${summary}\n`);
    },
    stop() {
      multi?.stop();
    },
  };
}
