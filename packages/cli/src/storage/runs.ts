import {
  buildRunningRun,
  DuplicateError,
  finishRun,
  type RunStore,
  readPageRequest,
  requireKey,
  type SyncRun,
  toPage,
} from "@kobik/storage";
import { type Db, fromJson } from "./database.js";

interface RunRow {
  id: string;
  started_at: string;
  body: string;
}

/** Runs as JSON rows, indexed by `(item_id, started_at, id)` for newest-first history. */
export function createSqliteRunStore(db: Db): RunStore {
  const get = db.sqlite.prepare("SELECT body FROM runs WHERE id = ?");
  const insert = db.sqlite.prepare(
    "INSERT INTO runs (id, item_id, started_at, status, body) VALUES (?, ?, ?, 'running', ?) ON CONFLICT (id) DO NOTHING",
  );
  const finish = db.sqlite.prepare(
    "UPDATE runs SET status = ?, body = ? WHERE id = ? AND status = 'running'",
  );
  const recent = db.sqlite.prepare(
    `SELECT id, started_at, body FROM runs WHERE item_id = :item
       AND (:afterAt IS NULL OR (started_at, id) < (:afterAt, :afterId))
     ORDER BY started_at DESC, id DESC LIMIT :limit`,
  );
  const read = (id: string) => {
    const row = get.get(id) as Pick<RunRow, "body"> | undefined;
    return row ? fromJson<SyncRun>(row.body) : null;
  };
  return {
    async start(input) {
      const run = buildRunningRun(input);
      const inserted = insert.run(run.id, run.itemId, run.startedAt, JSON.stringify(run));
      if (Number(inserted.changes) === 0)
        throw new DuplicateError(`run ${run.id}`, "a run with this id exists");
      return run;
    },
    async finish(input) {
      const id = requireKey(input.id, "id");
      return db.write(() => {
        const done = finishRun(read(id), input);
        finish.run(done.status, JSON.stringify(done), id);
        return done;
      });
    },
    async get(id) {
      return read(requireKey(id, "id"));
    },
    async listRecent(itemId, request) {
      const item = requireKey(itemId, "itemId");
      const { limit, after } = readPageRequest(request, 2);
      const rows = recent.all({
        item,
        afterAt: after?.[0] ?? null,
        afterId: after?.[1] ?? null,
        limit: limit + 1,
      }) as unknown as RunRow[];
      return toPage(
        rows,
        limit,
        (r) => [r.started_at, r.id],
        (r) => fromJson<SyncRun>(r.body),
      );
    },
  };
}
