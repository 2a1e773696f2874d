import type { Client } from "openapi-fetch";
import type { JiraAuth } from "./auth.js";
import { createJiraError } from "./error-factory.js";
import { JiraMalformedResponseError, wrapThrown } from "./errors.js";
import type { paths } from "./generated/jira.js";

/** What every API namespace shares: the typed openapi-fetch client and per-instance state. */
export interface JiraContext {
  api: Client<paths>;
  auth: JiraAuth;
  secrets(): string[];
  /** Configured attachment limit; otherwise read once per client from `GET /attachment/meta`. */
  attachmentLimitBytes: number | undefined;
  cache: Map<string, Promise<unknown>>;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Runs one openapi-fetch call and turns every failure into the Jira error taxonomy: thrown
 * transport errors, non-2xx responses (through the one factory), unparsable bodies.
 */
export async function send<T>(ctx: JiraContext, op: () => Promise<FetchResult<T>>): Promise<FetchResult<T>> {
  const result = await sendRaw(op);
  if (!result.response.ok) {
    throw createJiraError({
      status: result.response.status,
      headers: result.response.headers,
      body: result.error,
      secrets: ctx.secrets(),
    });
  }
  return result;
}

/** Runs one call, mapping only thrown errors: the caller inspects the status itself. */
export async function sendRaw<T>(op: () => Promise<FetchResult<T>>): Promise<FetchResult<T>> {
  try {
    return await op();
  } catch (error) {
    throw wrapThrown(error);
  }
}

/** {@link send} for operations that must return a JSON object or array. */
export async function sendJson<T>(
  ctx: JiraContext,
  op: () => Promise<FetchResult<T>>,
): Promise<NonNullable<T>> {
  const { data, response } = await send(ctx, op);
  if (data === undefined || data === null || typeof data !== "object") {
    throw new JiraMalformedResponseError(`Jira answered ${response.status} without the expected JSON body`, {
      code: "MALFORMED_RESPONSE",
      status: response.status,
    });
  }
  return data;
}

/** {@link send} for operations whose success has no body worth reading (204 and friends). */
export async function sendVoid(ctx: JiraContext, op: () => Promise<FetchResult<unknown>>): Promise<void> {
  await send(ctx, op);
}

/** Memoises a per-client lookup (e.g. attachment settings) without module-level state. */
export function cached<T>(ctx: JiraContext, key: string, load: () => Promise<T>): Promise<T> {
  let hit = ctx.cache.get(key) as Promise<T> | undefined;
  if (hit === undefined) {
    hit = load();
    ctx.cache.set(key, hit);
    // A failed lookup must not be remembered: the next call tries again.
    hit.catch(() => ctx.cache.delete(key));
  }
  return hit;
}

/** Joins a list into Jira's comma-separated query form; `undefined` for an absent or empty list. */
export function csv(values: readonly string[] | undefined): string | undefined {
  return values === undefined || values.length === 0 ? undefined : values.join(",");
}
