import type { JiraClient } from "@kobik/jira-client";
import type { KobikStore, LeaseLostReason, RunErrorEntry, RunMode, RunTrigger } from "@kobik/storage";
import type { AutoCreatePlan, PreviewField, SyncPlan } from "@kobik/sync-core";
import type { ZohoCrmClient } from "@kobik/zoho-crm-client";
import type { ProgressListener } from "./progress.js";

/** The engine's only clock: every timestamp it writes and every lease check reads it. */
export interface EngineClock {
  now(): Date;
}

/** Fields of a log line: plain JSON-like values. The engine redacts them before they reach the logger. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A tiny structured logger; adapt pino, console or Forge's logger to it. */
export interface EngineLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Tunables, all with defaults (see `DEFAULT_ENGINE_LIMITS`). */
export interface EngineLimits {
  /**
   * Item lease time to live (1 s .. 24 h). A run's heartbeat renews it every third of this, so it bounds
   * how long a stalled process keeps the item, not how long a run may take. Default 5 minutes.
   */
  readonly leaseTtlMs: number;
  /** CRM records per list page (1..200). Default 200. */
  readonly crmPageSize: number;
  /** Jira issues per search page. Default 100. */
  readonly jiraPageSize: number;
  /** Re-read window before the CRM cursor (Zoho compares whole seconds, strictly after). Default 1 s. */
  readonly crmOverlapMs: number;
  /** Re-read window before the Jira cursor (JQL `updated >=` has minute precision). Default 2 minutes. */
  readonly jiraOverlapMs: number;
  /** Time zone JQL dates are written in: the Jira user's zone. Default `UTC`. */
  readonly jiraTimeZone: string;
  /** Links synced at once within a page. Default 4 (the clients queue below their own limits too). */
  readonly linkConcurrency: number;
  /**
   * Independent read requests in flight at once (Jira `id in (…)` searches of changed or re-read
   * issues). The clients' own concurrency limits still apply. Default 8.
   */
  readonly readConcurrency: number;
  /** `POST /issue/bulk` requests (50 issues each) in flight at once during auto-create. Default 4. */
  readonly createConcurrency: number;
  /**
   * How long a pending create intent whose marker search finds nothing waits before the engine creates
   * again: Jira's search is eventually consistent, so a just-created issue may not be found at once.
   * Default 2 minutes.
   */
  readonly createSettleMs: number;
  /** Most failed records parked for retry per item and side; beyond it the cursor holds. Default 500. */
  readonly maxParked: number;
  /**
   * Linked records whose CRM attachment list each cycle of an item with attachment sync checks
   * (0..1000, 0 turns the sweep off). Zoho has no feed of new attachments, so this bounds both the cost
   * of a quiet cycle (one list call per checked record) and how late a new CRM file is copied:
   * `ceil(links / attachmentSweepLinks)` cycles at most. Default 25.
   */
  readonly attachmentSweepLinks: number;
}

/** Where Zoho notifications are verified: the channel token and, optionally, our channel ids. */
export interface ZohoNotificationConfig {
  readonly token: string;
  readonly channelIds?: readonly string[];
}

/** Everything the engine is built from. Hosts own all of it; the engine holds no global state. */
export interface SyncEngineOptions {
  readonly zoho: ZohoCrmClient;
  readonly jira: JiraClient;
  readonly store: KobikStore;
  readonly clock: EngineClock;
  readonly logger: EngineLogger;
  readonly limits?: Partial<EngineLimits>;
  /** Shown as the lease holder, e.g. `"cli@laptop"`. Default `"sync-engine"`. */
  readonly holder?: string;
  /** Needed by `handleZohoNotification`. */
  readonly zohoNotifications?: ZohoNotificationConfig;
  /** Secret values to scrub from every log line and error the engine records (tokens, client secrets). */
  readonly secrets?: readonly string[];
  /** Run ids; default `crypto.randomUUID()`. Injectable so tests and replays are deterministic. */
  readonly newId?: () => string;
}

/** Counts of one run, by what happened. `skipped.reasons` names every reason a record was skipped. */
export interface EngineCounts {
  /** Records and issues looked at. */
  examined: number;
  /** Jira issues created (auto-create). */
  created: number;
  /** Field updates written (a Jira edit or a CRM record update each count one). */
  updated: number;
  /** Jira workflow transitions performed. */
  transitioned: number;
  /** CRM notes written (created, updated or deleted) from Jira comments. */
  notes: number;
  /** Jira comments written (created, updated or deleted) from CRM notes. */
  comments: number;
  /** Attachments copied, either way. */
  attachments: number;
  conflicts: number;
  /** Linked pairs that needed nothing. */
  unchanged: number;
  /** Records that failed and were parked or held back for the next run. */
  failed: number;
  skipped: { total: number; reasons: Record<string, number> };
}

/** API calls spent in a run, per service (retries and token refreshes included). */
export interface ApiCalls {
  crm: number;
  jira: number;
}

/** Why a run stopped early, or `"completed"` when it went through. */
export type RunStop =
  | { readonly kind: "completed" }
  | { readonly kind: "busy"; readonly holder: string | null }
  | {
      readonly kind: "reconnect-required";
      readonly service: "crm" | "jira";
      readonly code: string;
      readonly message: string;
    }
  | {
      readonly kind: "rate-limited";
      readonly service: "crm" | "jira";
      /** When the service said to come back, if it said. */
      readonly resumeAt: string | null;
      readonly message: string;
    }
  | {
      /**
       * The run's item lease was lost mid-run (taken over, released, or expired during a stall): the run
       * wrote nothing after noticing, and another process may own the item now.
       */
      readonly kind: "lease-lost";
      /** The lease name, `item:<itemId>`. */
      readonly lease: string;
      readonly reason: LeaseLostReason;
      readonly message: string;
    };

/** One linked pair's plan, as a dry run returns it. */
export interface PlannedLink {
  readonly jiraIssueKey: string;
  readonly crmRecordId: string;
  readonly plan: SyncPlan;
}

/** One auto-create a dry run would do. */
export interface PlannedCreate {
  readonly crmRecordId: string;
  readonly plan: Extract<AutoCreatePlan, { ok: true }>;
}

/** The outcome of `runCycle`, `syncLink`, push handling and `refresh`: JSON-serialisable. */
export interface SyncRunResult {
  /** The stored run id; `null` when nothing ran (busy, item disabled). */
  readonly runId: string | null;
  readonly itemId: string;
  readonly trigger: RunTrigger;
  readonly mode: RunMode;
  readonly outcome: "succeeded" | "partial" | "failed" | "skipped";
  readonly stop: RunStop;
  readonly counts: EngineCounts;
  readonly apiCalls: ApiCalls;
  readonly durationMs: number;
  readonly errors: readonly RunErrorEntry[];
  /** Dry runs only: every plan, including empty ones. */
  readonly plans: readonly PlannedLink[];
  readonly creates: readonly PlannedCreate[];
}

/** Options of `runCycle` and `runAll`. */
export interface RunCycleOptions {
  readonly dryRun?: boolean;
  /** Recorded on the run. Default `"schedule"`. */
  readonly trigger?: RunTrigger;
  /**
   * Called inline as the run works (pages read, pairs planned, operations executed, issues created),
   * for progress bars; keep it quick. What it throws is logged and ignored.
   */
  readonly onProgress?: ProgressListener;
}

/** Options of `handleJiraEvent`. */
export interface JiraEventOptions {
  /** The host checked the delivery's signature (HMAC) or JWT; unverified deliveries are refused. */
  readonly signatureVerified: boolean;
}

/** What a push event did: one result per item whose links it concerned (none when no link matched). */
export interface PushResult {
  readonly event: string;
  readonly results: readonly SyncRunResult[];
  /** Links removed because their counterpart was deleted. */
  readonly unlinked: readonly { itemId: string; jiraIssueKey: string; crmRecordId: string }[];
}

/** A CRM record found by `searchCrmRecords`. */
export interface CrmRecordMatch {
  readonly recordId: string;
  /** The record's display name (the module's primary field). */
  readonly title: string;
  readonly fields: readonly PreviewField[];
  /** The Jira issue it is already linked to under this item, if any. */
  readonly linkedIssueKey: string | null;
}

/** The linked card of the issue panel. */
export interface LinkPreview {
  readonly itemId: string;
  readonly jiraIssueKey: string;
  readonly crmModule: string;
  readonly crmRecordId: string;
  readonly origin: "manual" | "auto";
  readonly fields: readonly PreviewField[];
}

/** Connection state as the engine sees it: automation stops while reconnect is required. */
export type ConnectionStatus =
  | { readonly kind: "ok" }
  | {
      readonly kind: "reconnect-required";
      readonly service: "crm" | "jira";
      readonly code: string;
      readonly message: string;
      readonly since: string;
    };

/** The engine every host runs. */
export interface SyncEngine {
  /** One cycle of one item: incremental reads both ways, plan, execute, record. */
  runCycle(itemId: string, options?: RunCycleOptions): Promise<SyncRunResult>;
  /** A cycle of every enabled item, one after another. */
  runAll(options?: RunCycleOptions): Promise<SyncRunResult[]>;
  /** Syncs one linked pair now (the per-link path cycles and push events share). */
  syncLink(itemId: string, jiraIssueIdOrKey: string, options?: RunCycleOptions): Promise<SyncRunResult>;
  /** A Jira webhook or Forge event: issue created/updated/deleted, comment created, attachment created. */
  handleJiraEvent(payload: unknown, options: JiraEventOptions): Promise<PushResult>;
  /** A Zoho Notification API callback body (raw text or parsed JSON). */
  handleZohoNotification(body: unknown): Promise<PushResult>;
  /** CRM records of the item's module whose name/title contains `text` (the link dialog). */
  searchCrmRecords(itemId: string, text: string): Promise<CrmRecordMatch[]>;
  /** Links a Jira issue to a CRM record by id (manual link), then syncs it unless the item is display-only. */
  linkRecord(itemId: string, jiraIssueIdOrKey: string, crmRecordId: string): Promise<LinkPreview>;
  /** The preview (display fields) of the record linked to an issue. */
  preview(itemId: string, jiraIssueIdOrKey: string): Promise<LinkPreview>;
  /** Syncs the link now (display items: re-reads the preview) and returns its preview. */
  refresh(itemId: string, jiraIssueIdOrKey: string): Promise<LinkPreview>;
  /** Removes a manual link; auto-managed links refuse with `AutoLinkError`. Nothing is deleted on either side. */
  unlink(itemId: string, jiraIssueIdOrKey: string): Promise<void>;
  /** Whether automation runs, or a service needs to be reconnected. */
  connectionStatus(): Promise<ConnectionStatus>;
  /** Clears "reconnect required" after the host re-authorised the connection. */
  clearReconnectRequired(): Promise<void>;
}
