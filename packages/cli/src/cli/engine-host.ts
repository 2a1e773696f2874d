import { hostname } from "node:os";
import type { JiraClient } from "@kobik/jira-client";
import { createSyncEngine, type EngineLimits, type EngineLogger, type SyncEngine } from "@kobik/sync-engine";
import type { ZohoCrmClient } from "@kobik/zoho-crm-client";
import type { SqliteStore } from "../storage/store.js";
import { jiraClientFor, SECRET_NAMES, zohoClientFor } from "./connections.js";
import type { CliStream } from "./output.js";

/** An engine with the clients and store it runs on. */
export interface EngineHost {
  readonly engine: SyncEngine;
  readonly zoho: ZohoCrmClient;
  readonly jira: JiraClient;
  readonly store: SqliteStore;
  /** Secret values in use, for redaction by anything the host prints. */
  readonly secrets: readonly string[];
}

/** Logs warnings and errors as plain lines on stderr; `KOBIK_LOG=debug|info` shows more. */
export function stderrLogger(stderr: CliStream, level: string | undefined): EngineLogger {
  const order = ["debug", "info", "warn", "error"];
  const min = Math.max(0, order.indexOf(level ?? "warn"));
  const at = (name: string) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    if (order.indexOf(name) < min) return;
    stderr.write(`${name}: ${message}${fields ? ` ${JSON.stringify(fields)}` : ""}\n`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Options of {@link createEngineHost}. */
export interface EngineHostOptions {
  readonly store: SqliteStore;
  readonly logger: EngineLogger;
  /** Needed to accept Zoho notifications (`watch --listen`). */
  readonly zohoChannel?: { readonly token: string; readonly channelIds: readonly string[] };
  readonly limits?: Partial<EngineLimits>;
  readonly zohoConcurrency?: number;
}

/** Builds the engine from the workspace's connections: the CLI's whole adapter is this wiring. */
export async function createEngineHost(options: EngineHostOptions): Promise<EngineHost> {
  const { store } = options;
  const zoho = await zohoClientFor(
    store,
    options.zohoConcurrency ? { concurrency: options.zohoConcurrency } : {},
  );
  const jira = await jiraClientFor(store);
  const channelToken = await store.secrets.get(SECRET_NAMES.zohoChannelToken);
  const secrets = [...zoho.secrets, ...jira.secrets, ...(channelToken ? [channelToken] : [])].filter(
    (s) => s !== "",
  );
  const engine = createSyncEngine({
    zoho: zoho.client,
    jira: jira.client,
    store,
    clock: { now: () => new Date() },
    logger: options.logger,
    holder: `cli@${hostname()}:${process.pid}`,
    secrets,
    ...(options.zohoChannel ? { zohoNotifications: options.zohoChannel } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return { engine, zoho: zoho.client, jira: jira.client, store, secrets };
}
