import { TransportNetworkError, TransportTimeoutError } from "@kobik/transport";
import createClient from "openapi-fetch";
import { ZOHO_DATA_CENTERS, type ZohoDataCenter } from "../data-centers.js";
import { zohoErrorFromResponse } from "../error-factory.js";
import { ZohoInputError, ZohoNetworkError, ZohoServerError, ZohoTimeoutError } from "../errors.js";
import type { paths } from "../generated/zoho-crm.js";
import type { StoredToken } from "./types.js";

/** Where the OAuth calls go: a data center, or an explicit accounts server (sandbox, msw). */
export type AccountsTarget = { dc: ZohoDataCenter } | { accountsUrl: string };

/** Options shared by the standalone OAuth functions. */
export type TokenCallOptions = AccountsTarget & {
  /** Defaults to `globalThis.fetch`, read at call time. */
  fetch?: (request: Request) => Promise<Response>;
  now?: () => number;
};

type TokenForm =
  paths["/oauth/v2/token"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"];

/** @internal Resolves the accounts server of a target. */
export function accountsUrlOf(target: AccountsTarget): string {
  if ("accountsUrl" in target) return target.accountsUrl.replace(/\/+$/, "");
  const info = ZOHO_DATA_CENTERS[target.dc];
  if (!info) throw new ZohoInputError("dc", `unknown data center "${String(target.dc)}"`);
  return info.accountsUrl;
}

/**
 * @internal POSTs to `/oauth/v2/token` and turns the reply into a {@link StoredToken}. Zoho reports
 * token errors with HTTP 200 and `{"error": ...}`, so success is "has `access_token`", not the status.
 */
export async function requestToken(
  form: TokenForm,
  options: TokenCallOptions,
): Promise<Omit<StoredToken, "refreshToken"> & { refreshToken?: string }> {
  const secrets = [form.client_secret, form.code, form.refresh_token].filter((s): s is string => !!s);
  const now = options.now ?? Date.now;
  const api = createClient<paths>({
    baseUrl: accountsUrlOf(options),
    fetch: (r) => (options.fetch ?? globalThis.fetch)(r),
  });
  const { data, error, response } = await guard(
    api.POST("/oauth/v2/token", {
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
  const body = data ?? error;
  if (body === undefined || typeof body !== "object" || typeof body.access_token !== "string") {
    throw zohoErrorFromResponse(response, body, { endpoint: "POST /oauth/v2/token", secrets, now });
  }
  const apiDomain = body.api_domain;
  if (typeof apiDomain !== "string" || !/^https?:\/\//.test(apiDomain)) {
    throw new ZohoServerError("token response has no api_domain", {
      code: "MALFORMED_RESPONSE",
      status: response.status,
    });
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    apiDomain: apiDomain.replace(/\/+$/, ""),
    expiresAt: now() + lifetimeMs(body.expires_in, body.expires_in_sec),
    scope: body.scope,
  };
}

/**
 * Token lifetime in ms. Legacy replies sent `expires_in` in milliseconds alongside `expires_in_sec`;
 * current ones send seconds only. Absent both, Zoho's documented one hour.
 */
export function lifetimeMs(expiresIn: number | undefined, expiresInSec: number | undefined): number {
  if (typeof expiresInSec === "number") return expiresInSec * 1000;
  if (typeof expiresIn === "number") return expiresIn * 1000;
  return 3_600_000;
}

/** @internal Maps failures without a response (and unparseable bodies) to Zoho errors. */
export async function guard<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof TransportTimeoutError) {
      throw new ZohoTimeoutError(error.message, { code: "TIMEOUT", cause: error });
    }
    if (error instanceof TransportNetworkError) {
      throw new ZohoNetworkError(error.message, { code: "NETWORK_ERROR", cause: error.cause });
    }
    if (error instanceof SyntaxError) {
      throw new ZohoServerError("Zoho sent a body that is not valid JSON", {
        code: "MALFORMED_RESPONSE",
        cause: error,
      });
    }
    if (error instanceof TypeError && /fetch/i.test(error.message)) {
      // A bare fetch (no transport) fails with TypeError("fetch failed") when there is no response.
      throw new ZohoNetworkError(`request failed before a response: ${error.message}`, {
        code: "NETWORK_ERROR",
        cause: error,
      });
    }
    throw error;
  }
}
