import { randomBytes, randomInt } from "node:crypto";
import type { SmartConnectedItem } from "@kobik/sync-core";
import type { JiraSettings } from "../cli/connections.js";
import { SECRET_NAMES } from "../cli/connections.js";
import type { EngineHost } from "../cli/engine-host.js";
import { RunFailedError } from "../cli/errors.js";
import type { SqliteStore } from "../storage/store.js";
import { RECEIVER_PATHS } from "./receiver.js";

/** What `watch --listen` registered, and how to take it down. */
export interface Registration {
  readonly channelId: string;
  readonly channelToken: string;
  readonly jiraSecret: string;
  readonly jiraWebhook: string;
  /** Disables the Zoho channel (the Jira admin webhook stays: it is reused on the next start). */
  remove(): Promise<void>;
}

/** A week, Zoho's longest channel life; `watch` renews before it runs out. */
const CHANNEL_LIFE_MS = 7 * 24 * 3_600_000;

async function secret(store: SqliteStore, name: string, make: () => string): Promise<string> {
  const existing = await store.secrets.get(name);
  if (existing) return existing;
  const value = make();
  await store.secrets.set(name, value);
  return value;
}

/**
 * Registers (or reuses) a Jira admin webhook, signed with a secret kept in the workspace. The Jira
 * client covers OAuth dynamic webhooks only; with an email and API token, the admin webhook API is
 * the one that accepts a secret, so the CLI calls it directly.
 */
async function jiraWebhook(
  host: EngineHost,
  url: string,
  projects: string[],
  secretValue: string,
): Promise<string> {
  const settings = host.store.settings.get<JiraSettings>("jira")!;
  const apiToken = (await host.store.secrets.get(SECRET_NAMES.jiraApiToken)) ?? "";
  const base = settings.baseUrl ?? settings.siteUrl;
  const headers = {
    authorization: `Basic ${Buffer.from(`${settings.email}:${apiToken}`).toString("base64")}`,
    "content-type": "application/json",
  };
  const endpoint = `${base}/rest/webhooks/1.0/webhook`;
  const listed = await fetch(endpoint, { headers });
  if (listed.ok) {
    const hooks = (await listed.json()) as { url?: string; self?: string }[];
    const mine = hooks.find((h) => h.url === url);
    if (mine && host.store.settings.get<string>("jira:webhook-url") === url) return mine.self ?? url;
  }
  const body = {
    name: "Kobik Sync (kobik watch)",
    url,
    events: [
      "jira:issue_created",
      "jira:issue_updated",
      "jira:issue_deleted",
      "comment_created",
      "comment_updated",
    ],
    filters: { "issue-related-events-section": `project in (${projects.join(", ")})` },
    secret: secretValue,
  };
  const created = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(body) });
  if (!created.ok) {
    throw new RunFailedError(
      `Jira refused the webhook registration (HTTP ${created.status}).`,
      "Registering webhooks needs a Jira administrator's API token; run without --listen to poll instead.",
    );
  }
  host.store.settings.set("jira:webhook-url", url);
  return ((await created.json()) as { self?: string }).self ?? url;
}

/** Registers a Zoho notification channel for the items' modules and a Jira webhook for their projects. */
export async function register(
  host: EngineHost,
  items: readonly SmartConnectedItem[],
  publicUrl: string,
): Promise<Registration> {
  const base = publicUrl.replace(/\/+$/, "");
  const channelToken = await secret(host.store, SECRET_NAMES.zohoChannelToken, () =>
    randomBytes(24).toString("base64url"),
  );
  const jiraSecret = await secret(host.store, SECRET_NAMES.jiraWebhookSecret, () =>
    randomBytes(32).toString("base64url"),
  );
  const channelId = String(randomInt(1_000_000_000, 9_000_000_000));
  const modules = [...new Set(items.map((i) => i.crm.module))];
  const outcomes = await host.zoho.notifications.enable([
    {
      channelId,
      events: modules.map((m) => `${m}.all`),
      notifyUrl: `${base}${RECEIVER_PATHS.zoho}`,
      token: channelToken,
      expiresAt: new Date(Date.now() + CHANNEL_LIFE_MS - 60_000),
    },
  ]);
  const failed = outcomes.find((o) => o.status !== "success");
  if (failed) {
    throw new RunFailedError(
      "Zoho CRM refused the notification channel.",
      "Check that the connection has the ZohoCRM.notifications.ALL scope (`kobik connect zoho ...`).",
    );
  }
  const projects = [...new Set(items.map((i) => i.jira.projectKey))];
  const jiraWebhookRef = await jiraWebhook(host, `${base}${RECEIVER_PATHS.jira}`, projects, jiraSecret);
  return {
    channelId,
    channelToken,
    jiraSecret,
    jiraWebhook: jiraWebhookRef,
    async remove() {
      await host.zoho.notifications.disable([channelId]);
    },
  };
}
