import {
  createMemoryStore,
  DuplicateError,
  InvalidInputError,
  InvalidStateError,
  LeaseLostError,
  NotFoundError,
  StorageError,
  VersionConflictError,
} from "@kobik/storage";
import { describe, expect, it } from "vitest";

describe("storage errors", () => {
  it.each([
    [new InvalidInputError("ttlMs", "must be an integer"), "INVALID_INPUT", "InvalidInputError"],
    [new VersionConflictError("link a/1", 1, 2), "VERSION_CONFLICT", "VersionConflictError"],
    [new NotFoundError("run r1"), "NOT_FOUND", "NotFoundError"],
    [new DuplicateError("run r1", "exists"), "DUPLICATE", "DuplicateError"],
    [new LeaseLostError("item:a", 3, "expired"), "LEASE_LOST", "LeaseLostError"],
    [new InvalidStateError("run r1", "failed", "already finished"), "INVALID_STATE", "InvalidStateError"],
  ])("%s carries code %s, its class name, and is a StorageError", (error, code, name) => {
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
  });

  it("names the field at fault in the message and as a property", () => {
    const error = new InvalidInputError("link.jira.issueId", "must not be empty");
    expect(error.field).toBe("link.jira.issueId");
    expect(error.message).toBe("Invalid link.jira.issueId: must not be empty");
  });

  it("lets callers branch with instanceof on errors a store throws", async () => {
    const store = createMemoryStore();
    const now = new Date("2026-03-01T00:00:00Z");
    const lease = await store.leases.acquire({ name: "item:a", holder: "w1", ttlMs: 1000, now });
    await store.leases.release({ name: "item:a", token: lease?.token ?? 0 });
    const error = await store.leases
      .assertFencing({ name: "item:a", token: lease?.token ?? 0, now })
      .catch((e) => e);
    expect(error).toBeInstanceOf(LeaseLostError);
    expect((error as LeaseLostError).reason).toBe("released");
  });

  it("gives every memory store its own state", async () => {
    const a = createMemoryStore();
    const b = createMemoryStore();
    await a.secrets.set("k", "v");
    expect(await b.secrets.get("k")).toBeNull();
  });
});
