import {
  type CallCounter,
  createTransport,
  defaultEndpointLabel,
  type RateLimitEvent,
  type RetryPolicy,
} from "@kobik/transport";
import createClient from "openapi-fetch";
import { type AttachmentsApi, attachmentsApi } from "./api/attachments.js";
import { type CommentsApi, commentsApi } from "./api/comments.js";
import { type IssuesApi, issuesApi } from "./api/issues.js";
import { type MetadataApi, metadataApi } from "./api/metadata.js";
import { type PropertiesApi, propertiesApi } from "./api/properties.js";
import { type SearchApi, searchApi } from "./api/search.js";
import { type TransitionsApi, transitionsApi } from "./api/transitions.js";
import { type WebhooksApi, webhooksApi } from "./api/webhooks.js";
import { createAuthLayer, type JiraAuth, resolveBaseUrl, validateAuth } from "./auth.js";
import type { JiraContext } from "./context.js";
import { createEndpointLabeler } from "./endpoint-label.js";
import { isQuotaReason } from "./error-factory.js";
import { JiraInputError } from "./errors.js";
import type { paths } from "./generated/jira.js";
import { createQuotaGate } from "./quota-gate.js";

/** A 429 seen by the client, before it decides whether to wait; `quota` marks the hourly quota. */
export interface JiraRateLimitEvent extends RateLimitEvent {
  quota: boolean;
}

/** Options of {@link createJiraClient}. */
export interface JiraClientOptions {
  auth: JiraAuth;
  /** `https://<site>.atlassian.net` for basic auth; derived from `cloudId` for OAuth; unused by `host`. */
  baseUrl?: string;
  /** Sends every request (msw, a proxy, Forge via {@link fromRequestJira}); default `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Requests in flight per client (so per site). Default 10. */
  concurrency?: number;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * The host's rate-limit policy: return `false` to get the 429 as a `JiraRateLimitedError` at once.
   * An hourly-quota 429 without a `Retry-After` is never retried: nothing succeeds until the reset.
   */
  onRateLimited?: (event: JiraRateLimitEvent) => boolean | Promise<boolean>;
  /** Site attachment limit in bytes; when absent it is read once from `GET /attachment/meta`. */
  attachmentLimitBytes?: number;
  /** Clock, sleep and randomness, injectable for tests and simulations. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** The typed Jira Cloud client: one per site and credential. */
export interface JiraClient {
  issues: IssuesApi;
  search: SearchApi;
  transitions: TransitionsApi;
  comments: CommentsApi;
  attachments: AttachmentsApi;
  properties: PropertiesApi;
  metadata: MetadataApi;
  webhooks: WebhooksApi;
  /** API calls made, by endpoint (`POST /rest/api/3/search/jql`), retries included. */
  calls: CallCounter;
}

// The enhanced search is a POST that only reads: safe to repeat after a 5xx or a dropped connection.
function isIdempotent(request: Request): boolean {
  if (request.method !== "POST" && request.method !== "PATCH") return true;
  return new URL(request.url).pathname.endsWith("/rest/api/3/search/jql");
}

/**
 * Creates a Jira Cloud REST v3 client on the shared transport (queue, retries, timeouts, counts).
 *
 * @example
 * const jira = createJiraClient({
 *   auth: { kind: "basic", email: "bot@example.com", apiToken: process.env.JIRA_TOKEN! },
 *   baseUrl: "https://example.atlassian.net",
 * });
 * const issue = await jira.issues.get("ABC-1", { fields: ["summary", "status"] });
 */
export function createJiraClient(options: JiraClientOptions): JiraClient {
  if (options?.auth === undefined) throw new JiraInputError("auth", "is required");
  validateAuth(options.auth);
  const baseUrl = resolveBaseUrl(options.auth, options.baseUrl);
  if (options.auth.kind === "host" && options.fetch === undefined) {
    throw new JiraInputError("fetch", "is required with host auth: it is the host's authenticated fetch");
  }
  const now = options.now ?? Date.now;
  const transport = createTransport({
    fetch: options.fetch,
    concurrency: options.concurrency,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    isIdempotent,
    endpointLabel: createEndpointLabeler(defaultEndpointLabel),
    onRateLimited: async (event) => {
      const quota = isQuotaReason(event.reason);
      if (quota && event.retryAfterMs === undefined) return false;
      return (await options.onRateLimited?.({ ...event, quota })) ?? true;
    },
    now,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const gate = createQuotaGate(now);
  const gated = async (request: Request) => {
    gate.check();
    const response = await transport.fetch(request);
    gate.observe(response);
    return response;
  };
  const auth = createAuthLayer(options.auth, gated);
  const api = createClient<paths>({ baseUrl, fetch: auth.fetch });
  const ctx: JiraContext = {
    api,
    auth: options.auth,
    secrets: auth.secrets,
    attachmentLimitBytes: options.attachmentLimitBytes,
    cache: new Map(),
  };
  return {
    issues: issuesApi(ctx),
    search: searchApi(ctx),
    transitions: transitionsApi(ctx),
    comments: commentsApi(ctx),
    attachments: attachmentsApi(ctx),
    properties: propertiesApi(ctx),
    metadata: metadataApi(ctx),
    webhooks: webhooksApi(ctx),
    calls: transport.calls,
  };
}
