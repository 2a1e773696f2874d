import type { JiraClient } from "@kobik/jira-client";
import type { KobikStore } from "@kobik/storage";
import type { ZohoCrmClient } from "@kobik/zoho-crm-client";
import { resolveLimits } from "./limits.js";
import { redactingLogger } from "./logger.js";
import type {
  ConnectionStatus,
  EngineClock,
  EngineLimits,
  EngineLogger,
  SyncEngineOptions,
  ZohoNotificationConfig,
} from "./types.js";

/** What every engine operation reads: the ports, the limits, and the connection state. */
export interface EngineContext {
  readonly zoho: ZohoCrmClient;
  readonly jira: JiraClient;
  readonly store: KobikStore;
  readonly clock: EngineClock;
  readonly log: EngineLogger;
  readonly limits: EngineLimits;
  readonly holder: string;
  readonly newId: () => string;
  readonly zohoNotifications: ZohoNotificationConfig | undefined;
  readonly secrets: readonly string[];
  readonly connection: ConnectionState;
}

/** "Reconnect required" per service, kept in the SecretStore beside the connection's credentials. */
export interface ConnectionState {
  get(): Promise<ConnectionStatus>;
  markReconnectRequired(service: "crm" | "jira", code: string, message: string): Promise<void>;
  clear(): Promise<void>;
}

// Auth state lives with the credentials it describes: a host that clears a connection's auth state
// (switching auth modes, reconnecting) clears this flag with it, and every backend already has the port.
const STATE_KEY = "kobik:connection-state";

function connectionState(store: KobikStore, clock: EngineClock): ConnectionState {
  return {
    async get() {
      const raw = await store.secrets.get(STATE_KEY);
      if (raw === null) return { kind: "ok" };
      try {
        return JSON.parse(raw) as ConnectionStatus;
      } catch {
        return { kind: "ok" };
      }
    },
    async markReconnectRequired(service, code, message) {
      const status: ConnectionStatus = {
        kind: "reconnect-required",
        service,
        code,
        message,
        since: clock.now().toISOString(),
      };
      await store.secrets.set(STATE_KEY, JSON.stringify(status));
    },
    async clear() {
      await store.secrets.delete(STATE_KEY);
    },
  };
}

/** Builds the context; `limits` are checked here, so a bad value fails at construction. */
export function createContext(options: SyncEngineOptions): EngineContext {
  const secrets = [...(options.secrets ?? [])];
  if (options.zohoNotifications?.token) secrets.push(options.zohoNotifications.token);
  return {
    zoho: options.zoho,
    jira: options.jira,
    store: options.store,
    clock: options.clock,
    log: redactingLogger(options.logger, () => secrets),
    limits: resolveLimits(options.limits),
    holder: options.holder ?? "sync-engine",
    newId: options.newId ?? (() => crypto.randomUUID()),
    zohoNotifications: options.zohoNotifications,
    secrets,
    connection: connectionState(options.store, options.clock),
  };
}
