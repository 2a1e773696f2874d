import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createSqliteStore, generateSecretKey } from "@kobik/cli";
import { describeStorageConformance } from "@kobik/storage/testing";

describeStorageConformance(
  "sqlite (:memory:)",
  () => createSqliteStore({ file: ":memory:", secretKey: generateSecretKey() }),
  { dispose: (store) => store.close() },
);

describeStorageConformance(
  "sqlite (WAL file)",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "kobik-conformance-"));
    return createSqliteStore({ file: join(dir, "kobik.db"), secretKey: generateSecretKey() });
  },
  {
    dispose: (store) => {
      store.close();
      rmSync(dirname(store.file), { recursive: true, force: true });
    },
  },
);
