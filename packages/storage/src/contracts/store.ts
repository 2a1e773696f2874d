import type { AuditStore } from "./audit.js";
import type { CursorStore } from "./cursors.js";
import type { CreateIntentStore } from "./intents.js";
import type { ItemStore } from "./items.js";
import type { LeaseStore } from "./leases.js";
import type { LinkStore } from "./links.js";
import type { RunStore } from "./runs.js";
import type { SecretStore } from "./secrets.js";

/** Everything the engine and hosts persist, one port per concern. */
export interface KobikStore {
  readonly items: ItemStore;
  readonly links: LinkStore;
  readonly cursors: CursorStore;
  readonly secrets: SecretStore;
  readonly leases: LeaseStore;
  readonly intents: CreateIntentStore;
  readonly runs: RunStore;
  readonly audit: AuditStore;
}
