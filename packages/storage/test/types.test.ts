import {
  createMemoryStore,
  type FinishedSyncRun,
  type KobikStore,
  type Lease,
  type RecordIntentResult,
  type SyncRun,
} from "@kobik/storage";
import type { Link } from "@kobik/sync-core";
import { describe, expectTypeOf, it } from "vitest";

describe("public types", () => {
  it("createMemoryStore returns a KobikStore whose ports resolve the documented shapes", () => {
    expectTypeOf(createMemoryStore).returns.toEqualTypeOf<KobikStore>();
    expectTypeOf<KobikStore["links"]["getByJiraIssue"]>().returns.resolves.toEqualTypeOf<Link | null>();
    expectTypeOf<KobikStore["leases"]["acquire"]>().returns.resolves.toEqualTypeOf<Lease | null>();
  });

  it("runs and intent outcomes are tagged unions that narrow on their tag", () => {
    const run = {} as SyncRun;
    if (run.status !== "running") expectTypeOf(run).toEqualTypeOf<FinishedSyncRun>();
    const result = {} as RecordIntentResult;
    expectTypeOf(result.outcome).toEqualTypeOf<"recorded" | "exists">();
  });
});
