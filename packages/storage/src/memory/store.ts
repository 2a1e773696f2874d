import type { KobikStore } from "../contracts/store.js";
import { createMemoryAuditStore } from "./audit.js";
import { createMemoryCursorStore } from "./cursors.js";
import { createMemoryIntentStore } from "./intents.js";
import { createMemoryItemStore } from "./items.js";
import { createMemoryLeaseStore } from "./leases.js";
import { createMemoryLinkStore } from "./links.js";
import { createMemoryRunStore } from "./runs.js";
import { createMemorySecretStore } from "./secrets.js";

/**
 * A complete {@link KobikStore} in process memory: for tests, demos, the sandbox and one-shot CLI
 * runs. State lives in the returned object only (nothing module-level), so each call starts empty
 * and two stores never share data. Values go in and come out as copies.
 *
 * @example
 * const store = createMemoryStore();
 * const lease = await store.leases.acquire({ name: "item:deals", holder: "cli", ttlMs: 60_000, now: new Date() });
 * if (lease) await store.cursors.set("deals", "crm", "2026-01-01T00:00:00Z", { fence: { lease: lease.name, token: lease.token, now: new Date() } });
 */
export function createMemoryStore(): KobikStore {
  const leases = createMemoryLeaseStore();
  const intents = createMemoryIntentStore();
  const audit = createMemoryAuditStore();
  return {
    items: createMemoryItemStore(),
    links: createMemoryLinkStore({ leases, intents, audit }),
    cursors: createMemoryCursorStore(leases),
    secrets: createMemorySecretStore(),
    leases,
    intents,
    runs: createMemoryRunStore(),
    audit,
  };
}
