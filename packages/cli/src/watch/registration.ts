import { randomBytes, randomInt } from "node:crypto";
import type { SmartConnectedItem } from "@kobik/sync-core";
import type { WatchChannelInput, WriteOutcome } from "@kobik/zoho-crm-client";
import { SECRET_NAMES } from "../cli/connections.js";
import type { EngineHost } from "../cli/engine-host.js";
import { RunFailedError } from "../cli/errors.js";
import type { SqliteStore } from "../storage/store.js";
import { deleteJiraWebhook, type JiraWebhookRef, registerJiraWebhook } from "./jira-webhook.js";
import { RECEIVER_PATHS } from "./receiver.js";

/** How taking down one registration went. */
export type Removal = { readonly target: "zoho-channel" | "jira-webhook"; readonly what: string } & (
  | { readonly kind: "removed" }
  | { readonly kind: "failed"; readonly message: string; readonly next: string }
);

/** What `watch --listen` registered, and how to keep it alive and take it down. */
export interface Registration {
  readonly channelId: string;
  readonly channelToken: string;
  readonly jiraSecret: string;
  readonly jiraWebhook: JiraWebhookRef;
  /** When the channel expires, as Zoho answered the enable request. */
  readonly expiresAt: Date;
  /** Extends the channel for another lifetime; resolves to the new expiry Zoho answered. */
  renew(): Promise<Date>;
  /** Disables the Zoho channel and deletes the Jira admin webhook; never throws. */
  remove(): Promise<Removal[]>;
}

/** Options of {@link register}. */
export interface RegisterOptions {
  /** Channel lifetime to ask for; default a week (Zoho's maximum) less a minute of clock skew. */
  readonly channelLifeMs?: number;
  readonly now?: () => number;
}

const DEFAULT_CHANNEL_LIFE_MS = 7 * 24 * 3_600_000 - 60_000;

async function secret(store: SqliteStore, name: string, make: () => string): Promise<string> {
  const existing = await store.secrets.get(name);
  if (existing) return existing;
  const value = make();
  await store.secrets.set(name, value);
  return value;
}

/** Zoho's answer carries the expiry it granted, which may be shorter than asked (1 h past its cap). */
function grantedExpiry(outcome: WriteOutcome, asked: Date): Date {
  const events = outcome.details.events;
  const first = Array.isArray(events) ? (events[0] as { channel_expiry?: unknown } | undefined) : undefined;
  const ms = typeof first?.channel_expiry === "string" ? Date.parse(first.channel_expiry) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms) : asked;
}

function outcomeText(outcome: WriteOutcome | undefined): string {
  return outcome ? `${outcome.code}${outcome.message ? `: ${outcome.message}` : ""}` : "no answer";
}

/** Registers a Zoho notification channel for the items' modules and a Jira webhook for their projects. */
export async function register(
  host: EngineHost,
  items: readonly SmartConnectedItem[],
  publicUrl: string,
  options: RegisterOptions = {},
): Promise<Registration> {
  const now = options.now ?? Date.now;
  const life = options.channelLifeMs ?? DEFAULT_CHANNEL_LIFE_MS;
  const base = publicUrl.replace(/\/+$/, "");
  const channelToken = await secret(host.store, SECRET_NAMES.zohoChannelToken, () =>
    randomBytes(24).toString("base64url"),
  );
  const jiraSecret = await secret(host.store, SECRET_NAMES.jiraWebhookSecret, () =>
    randomBytes(32).toString("base64url"),
  );
  const channelId = String(randomInt(1_000_000_000, 9_000_000_000));
  const modules = [...new Set(items.map((i) => i.crm.module))];
  const channel = (): WatchChannelInput => ({
    channelId,
    events: modules.map((m) => `${m}.all`),
    notifyUrl: `${base}${RECEIVER_PATHS.zoho}`,
    token: channelToken,
    expiresAt: new Date(now() + life),
  });
  const first = channel();
  const [enabled] = await host.zoho.notifications.enable([first]);
  if (enabled?.status !== "success") {
    throw new RunFailedError(
      "Zoho CRM refused the notification channel.",
      "Check that the connection has the ZohoCRM.notifications.ALL scope (`kobik connect zoho ...`).",
    );
  }
  const projects = [...new Set(items.map((i) => i.jira.projectKey))];
  const jiraWebhook = await registerJiraWebhook(
    host,
    `${base}${RECEIVER_PATHS.jira}`,
    projects,
    jiraSecret,
  ).catch(async (error: unknown) => {
    // Nothing will remove a channel whose registration failed halfway, so take it down here.
    await host.zoho.notifications.disable([channelId]).catch(() => undefined);
    throw error;
  });

  async function renew(): Promise<Date> {
    const next = channel();
    const [updated] = await host.zoho.notifications.update([next]);
    if (updated?.status === "success") return grantedExpiry(updated, next.expiresAt!);
    // Zoho drops an expired channel, and a PATCH of an unknown channel fails: subscribe it again.
    const [again] = await host.zoho.notifications.enable([next]);
    if (again?.status === "success") return grantedExpiry(again, next.expiresAt!);
    throw new Error(
      `Zoho CRM refused the renewal (${outcomeText(updated)}; re-enable: ${outcomeText(again)}).`,
    );
  }

  async function remove(): Promise<Removal[]> {
    const zohoWhat = `Zoho channel ${channelId}`;
    const jiraWhat = `Jira webhook ${jiraWebhook.self}`;
    const zohoFailed = (message: string): Removal => ({
      target: "zoho-channel",
      kind: "failed",
      what: zohoWhat,
      message,
      next: "It expires on its own; nothing else needs doing.",
    });
    const zoho = await host.zoho.notifications.disable([channelId]).then(
      ([o]): Removal =>
        o?.status === "success"
          ? { target: "zoho-channel", kind: "removed", what: zohoWhat }
          : zohoFailed(outcomeText(o)),
      (e: unknown) => zohoFailed((e as Error).message),
    );
    const jira = await deleteJiraWebhook(host, jiraWebhook).then(
      (): Removal => ({ target: "jira-webhook", kind: "removed", what: jiraWhat }),
      (e: unknown): Removal => ({
        target: "jira-webhook",
        kind: "failed",
        what: jiraWhat,
        message: (e as Error).message,
        next: "Delete it in Jira (Settings > System > WebHooks), or let the next `watch --listen` reuse it.",
      }),
    );
    return [zoho, jira];
  }

  return {
    channelId,
    channelToken,
    jiraSecret,
    jiraWebhook,
    expiresAt: grantedExpiry(enabled, first.expiresAt!),
    renew,
    remove,
  };
}
