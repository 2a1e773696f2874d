import { JiraAuthError, JiraInputError } from "./errors.js";

/**
 * How the client authenticates, as a tagged union:
 * - `basic`: email + API token against `https://<site>.atlassian.net` (pass `baseUrl`).
 * - `oauth`: OAuth 2.0 (3LO) bearer tokens against `https://api.atlassian.com/ex/jira/{cloudId}`.
 *   `getAccessToken` is asked before every request (cache it on your side); after a 401 the client
 *   calls `onUnauthorized` once (single-flight across concurrent requests) and retries the request once.
 * - `host`: the injected fetch already authenticates (Forge's `requestJira`, see {@link fromRequestJira}).
 */
export type JiraAuth =
  | { kind: "basic"; email: string; apiToken: string }
  | {
      kind: "oauth";
      cloudId: string;
      getAccessToken: () => string | Promise<string>;
      /** Refresh hook: obtain a new access token (persist a rotated refresh token before resolving). */
      onUnauthorized?: () => void | Promise<void>;
    }
  | { kind: "host" };

/** Origin used in host mode: the host's fetch receives only the path, see {@link fromRequestJira}. */
export const HOST_ORIGIN = "https://jira-host.invalid";

/** The base URL each auth kind talks to, validated; `baseUrl` overrides it (tests, proxies). */
export function resolveBaseUrl(auth: JiraAuth, baseUrl: string | undefined): string {
  if (baseUrl !== undefined && baseUrl !== "") {
    if (!/^https?:\/\//.test(baseUrl)) throw new JiraInputError("baseUrl", "must be an absolute http(s) URL");
    return baseUrl.replace(/\/+$/, "");
  }
  switch (auth.kind) {
    case "basic":
      throw new JiraInputError("baseUrl", "is required with basic auth (https://<site>.atlassian.net)");
    case "oauth":
      return `https://api.atlassian.com/ex/jira/${encodeURIComponent(auth.cloudId)}`;
    case "host":
      return HOST_ORIGIN;
  }
}

/** Rejects obviously broken credentials before the first request, naming the field. */
export function validateAuth(auth: JiraAuth): void {
  switch (auth.kind) {
    case "basic":
      if (!auth.email?.includes("@")) throw new JiraInputError("auth.email", "must be an email address");
      if (!auth.apiToken) throw new JiraInputError("auth.apiToken", "must not be empty");
      return;
    case "oauth":
      if (!auth.cloudId) throw new JiraInputError("auth.cloudId", "must not be empty");
      if (typeof auth.getAccessToken !== "function") {
        throw new JiraInputError("auth.getAccessToken", "must be a function");
      }
      return;
    case "host":
      return;
  }
}

type Send = (request: Request) => Promise<Response>;

/** Per-client auth state: the secrets seen so far (for redaction) and the single-flight refresh. */
export interface AuthLayer {
  fetch: Send;
  /** Every credential this client has used, so errors can scrub them. */
  secrets(): string[];
}

/**
 * Wraps `next` with the auth kind's header. For OAuth, a 401 triggers one refresh shared by all
 * requests that failed with the same token, then one retry; a second 401 is returned as is.
 */
export function createAuthLayer(auth: JiraAuth, next: Send): AuthLayer {
  const seen = new Set<string>();
  switch (auth.kind) {
    case "host":
      return { fetch: next, secrets: () => [] };
    case "basic": {
      const encoded = btoa(`${auth.email}:${auth.apiToken}`);
      seen.add(auth.apiToken).add(encoded);
      return {
        fetch: (request) => {
          request.headers.set("Authorization", `Basic ${encoded}`);
          return next(request);
        },
        secrets: () => [...seen],
      };
    }
    case "oauth":
      return oauthLayer(auth, next, seen);
  }
}

function oauthLayer(auth: Extract<JiraAuth, { kind: "oauth" }>, next: Send, seen: Set<string>): AuthLayer {
  let refreshing: Promise<void> | undefined;
  let current: string | undefined;
  const token = async () => {
    const value = await auth.getAccessToken();
    seen.add(value);
    current = value;
    return value;
  };
  const refreshOnce = (usedToken: string): Promise<void> => {
    // Another request already refreshed past the token this one used: just retry with the new one.
    if (current !== usedToken && refreshing === undefined) return Promise.resolve();
    refreshing ??= Promise.resolve()
      .then(() => auth.onUnauthorized?.())
      .catch((cause: unknown) => {
        throw new JiraAuthError("the onUnauthorized token refresh failed", {
          code: "REFRESH_FAILED",
          status: 401,
          cause,
        });
      })
      .finally(() => {
        refreshing = undefined;
        current = undefined;
      });
    return refreshing;
  };
  const send: Send = async (request) => {
    if (refreshing) await refreshing;
    const spare = auth.onUnauthorized ? request.clone() : undefined;
    const used = await token();
    request.headers.set("Authorization", `Bearer ${used}`);
    const response = await next(request);
    if (response.status !== 401 || spare === undefined) return response;
    await response.body?.cancel();
    await refreshOnce(used);
    spare.headers.set("Authorization", `Bearer ${await token()}`);
    return next(spare);
  };
  return { fetch: send, secrets: () => [...seen] };
}
