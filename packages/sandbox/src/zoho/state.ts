import type { SimulatorClock } from "../core/clock.js";
import type { DeliveryQueue } from "../core/delivery.js";
import type { SeededRandom } from "../core/random.js";
import type { ZohoDc } from "./dc.js";
import type { OAuthState } from "./oauth-state.js";
import type { ZohoModuleSpec } from "./schema.js";
import { createModuleStore, type ModuleStore } from "./store.js";

/** A CRM user. */
export interface ZohoUser {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  status: "active" | "disabled" | "deleted";
  confirm: boolean;
  admin: boolean;
  role: { name: string; id: string };
  profile: { name: string; id: string };
  created: number;
  modified: number;
}

/** A note attached to a record. */
export interface ZohoNote {
  id: string;
  module: string;
  parentId: string;
  title: string | null;
  content: string;
  ownerId: string;
  created: number;
  modified: number;
  createdBy: string;
  modifiedBy: string;
}

/** A file (or link) attached to a record. */
export interface ZohoAttachment {
  id: string;
  module: string;
  parentId: string;
  fileName: string;
  size: number;
  content: Uint8Array<ArrayBuffer> | undefined;
  linkUrl: string | undefined;
  ownerId: string;
  created: number;
}

/** A Notification API channel. */
export interface ZohoChannel {
  channelId: string;
  /** The id as the client sent it (number or string), echoed back in callbacks. */
  channelIdJson: number | string;
  /** The api_domain the channel was created through; callbacks' `resource_uri` points there. */
  resourceBase: string;
  notifyOnRelatedAction: boolean;
  events: string[];
  notifyUrl: string;
  token: string | undefined;
  expiry: number;
  returnAffectedFieldValues: boolean;
  resourceId: string;
}

/** What a write would have started in a real org (workflow rules, approvals, blueprints). */
export interface WorkflowRun {
  module: string;
  id: string;
  operation: "create" | "edit" | "delete";
  triggers: string[];
  at: number;
}

/** Edition names, which set the concurrency limit. */
export type ZohoEdition = "free" | "standard" | "professional" | "enterprise" | "ultimate";

/** The whole simulated org. Lives in the simulator object; nothing is module-level. */
export interface ZohoState {
  clock: SimulatorClock;
  random: SeededRandom;
  offsetMinutes: number;
  timeZoneName: string;
  edition: ZohoEdition;
  orgId: string;
  companyName: string;
  users: ZohoUser[];
  modules: Map<string, ModuleStore>;
  notes: Map<string, ZohoNote>;
  attachments: Map<string, ZohoAttachment>;
  channels: Map<string, ZohoChannel>;
  workflowRuns: WorkflowRun[];
  oauth: OAuthState;
  deliveries: DeliveryQueue;
  attachmentLimitBytes: number;
  concurrencyLimit: number;
  inFlightApi: number;
  nextId: () => string;
  defaultDc: ZohoDc;
}

/** Concurrency limits per edition (Kaizen #93). */
export const EDITION_CONCURRENCY: Readonly<Record<ZohoEdition, number>> = {
  free: 5,
  standard: 10,
  professional: 15,
  enterprise: 20,
  ultimate: 25,
};

/**
 * 19-digit ids like Zoho's: an org-specific prefix followed by a sequence, so ids sort in creation
 * order both as strings and as numbers.
 */
export function idMinter(prefix = "584322100000"): () => string {
  let seq = 1_000_000;
  return () => {
    seq += 1;
    return `${prefix}${String(seq).padStart(7, "0")}`;
  };
}

/** Builds one store per module. */
export function moduleStores(specs: readonly ZohoModuleSpec[]): Map<string, ModuleStore> {
  return new Map(specs.map((spec) => [spec.api_name, createModuleStore(spec)]));
}

/** Display name of a user, as Zoho renders it in owner lookups. */
export function fullName(user: ZohoUser): string {
  return `${user.first_name} ${user.last_name}`.trim();
}

/** Finds a user by id. */
export function findUser(state: ZohoState, id: string): ZohoUser | undefined {
  return state.users.find((u) => u.id === id);
}
