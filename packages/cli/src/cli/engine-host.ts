import { hostname } from "node:os";
import type { JiraClient } from "@kobik/jira-client";
import type { KobikStore } from "@kobik/storage";
import { createSyncEngine, type EngineLimits, type EngineLogger, type SyncEngine } from "@kobik/sync-engine";
import type { ZohoCrmClient } from "@kobik/zoho-crm-client";
import type { SqliteStore } from "../storage/store.js";
import { jiraClientFor, SECRET_NAMES, zohoClientFor } from "./connections.js";
import type { CliStream } from "./output.js";

/** What the host watches while the engine works, to draw progress without engine hooks. */
export interface EngineObserver {
  /** A page of CRM records was read for `module`. */
  recordsRead(module: string, count: number): void;
  /** A link of `itemId` was saved (created or synced). */
  linkSaved(itemId: string): void;
}

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

function observeZoho(client: ZohoCrmClient, observer: EngineObserver): ZohoCrmClient {
  const iterate: ZohoCrmClient["records"]["iterate"] = async function* (options) {
    for await (const page of client.records.iterate(options)) {
      observer.recordsRead(options.module, page.items.length);
      yield page;
    }
  };
  return { ...client, records: { ...client.records, iterate } };
}

function observeStore(store: SqliteStore, observer: EngineObserver): KobikStore {
  const links: KobikStore["links"] = {
    ...store.links,
    save: async (link, options) => {
      const saved = await store.links.save(link, options);
      observer.linkSaved(saved.itemId);
      return saved;
    },
  };
  return { ...store, links };
}

/** Options of {@link createEngineHost}. */
export interface EngineHostOptions {
  readonly store: SqliteStore;
  readonly logger: EngineLogger;
  readonly observer?: EngineObserver;
  /** Needed to accept Zoho notifications (`watch --listen`). */
  readonly zohoChannel?: { readonly token: string; readonly channelIds: readonly string[] };
  readonly limits?: Partial<EngineLimits>;
  readonly zohoConcurrency?: number;
}

/** Builds the engine from the workspace's connections: the CLI's whole adapter is this wiring. */
export async function createEngineHost(options: EngineHostOptions): Promise<EngineHost> {
  const { store, observer } = options;
  const zoho = await zohoClientFor(
    store,
    options.zohoConcurrency ? { concurrency: options.zohoConcurrency } : {},
  );
  const jira = await jiraClientFor(store);
  const channelToken = await store.secrets.get(SECRET_NAMES.zohoChannelToken);
  const secrets = [...zoho.secrets, ...jira.secrets, ...(channelToken ? [channelToken] : [])].filter(
    (s) => s !== "",
  );
  const zohoClient = observer ? observeZoho(zoho.client, observer) : zoho.client;
  const engine = createSyncEngine({
    zoho: zohoClient,
    jira: jira.client,
    store: observer ? observeStore(store, observer) : store,
    clock: { now: () => new Date() },
    logger: options.logger,
    holder: `cli@${hostname()}:${process.pid}`,
    secrets,
    ...(options.zohoChannel ? { zohoNotifications: options.zohoChannel } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return { engine, zoho: zoho.client, jira: jira.client, store, secrets };
}
