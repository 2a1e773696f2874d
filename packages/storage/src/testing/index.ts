import { afterEach, beforeEach, describe } from "vitest";
import type { KobikStore } from "../contracts/store.js";
import { describeAuditRules } from "./audit.js";
import { describeBatchReadRules } from "./batch-reads.js";
import { describeCursorRules } from "./cursors.js";
import { describeFencingRules } from "./fencing.js";
import { describeIntentAndAuditBatchRules } from "./intent-audit-batches.js";
import { describeIntentRules } from "./intents.js";
import { describeItemRules } from "./items.js";
import { describeLeaseRules } from "./leases.js";
import { describeLinkBatchSettleRules } from "./link-batch-settles.js";
import { describeLinkBatchRules } from "./link-batches.js";
import { describeLinkListingRules } from "./link-listing.js";
import { describeLinkRules } from "./links.js";
import { describeRunRules } from "./runs.js";
import { describeSecretRules } from "./secrets.js";

/** Builds a fresh, empty store for one test. */
export type StorageFactory<S extends KobikStore = KobikStore> = () => S | Promise<S>;

/** Optional hooks of {@link describeStorageConformance}. */
export interface StorageConformanceOptions<S extends KobikStore = KobikStore> {
  /** Called after each test with the store it used, e.g. to close a database or drop a schema. */
  readonly dispose?: (store: S) => void | Promise<void>;
}

/**
 * Registers the storage contract as vitest suites. Every implementation (memory, SQLite, PostgreSQL,
 * Forge storage) runs this unchanged; each test gets a fresh store from `factory`. Covers every
 * rule of every port, including the concurrency ones: two writers of one link version, two lease
 * acquirers, expired leases taken over with a higher fencing token, stale holders refused; and the
 * batch writes: per-entry results, two batch writers of one link version, a stale fence refusing a
 * batch, link saves that complete an intent and append an event in the same step; and batched reads.
 *
 * @example
 * // test/sqlite.test.ts
 * import { describeStorageConformance } from "@kobik/storage/testing";
 * describeStorageConformance("sqlite", () => createSqliteStore(":memory:"), { dispose: (s) => s.close() });
 */
export function describeStorageConformance<S extends KobikStore>(
  name: string,
  factory: StorageFactory<S>,
  options: StorageConformanceOptions<S> = {},
): void {
  describe(`storage conformance: ${name}`, () => {
    let store: S | null = null;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      if (store && options.dispose) await options.dispose(store);
      store = null;
    });
    const use = (): KobikStore => {
      // Only reachable if a rule runs outside a test body, which would be a bug in this suite.
      if (!store) throw new Error("describeStorageConformance: no store outside a test");
      return store;
    };
    describeItemRules(use);
    describeLinkRules(use);
    describeLinkListingRules(use);
    describeCursorRules(use);
    describeSecretRules(use);
    describeLeaseRules(use);
    describeFencingRules(use);
    describeIntentRules(use);
    describeRunRules(use);
    describeAuditRules(use);
    describeLinkBatchRules(use);
    describeIntentAndAuditBatchRules(use);
    describeLinkBatchSettleRules(use);
    describeBatchReadRules(use);
  });
}
