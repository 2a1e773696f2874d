import createClient from "openapi-fetch";
import { zohoErrorFromResponse } from "../error-factory.js";
import { ZohoInputError } from "../errors.js";
import type { paths } from "../generated/zoho-crm.js";
import { accountsUrlOf, guard, requestToken, type TokenCallOptions } from "./token-endpoint.js";
import type { StoredToken } from "./types.js";

/** Arguments of {@link exchangeGrantCode}. */
export type ExchangeGrantCodeOptions = TokenCallOptions & {
  clientId: string;
  clientSecret: string;
  /** The one-use grant code from the API console (self-client) or the redirect. */
  code: string;
  /** Only for web clients; self-clients have none. */
  redirectUri?: string;
};

/**
 * Trades a grant code for tokens at the data center's accounts server. Keep the result in your
 * {@link TokenStore}: the refresh token is returned only here, and Zoho caps refresh tokens at 20 per
 * user (the 21st silently deletes the oldest), so never mint one per run.
 *
 * @example
 * const token = await exchangeGrantCode({ dc: "EU", clientId, clientSecret, code });
 * await tokenStore.set(token);
 */
export async function exchangeGrantCode(options: ExchangeGrantCodeOptions): Promise<StoredToken> {
  requireText(options, ["clientId", "clientSecret", "code"]);
  const token = await requestToken(
    {
      grant_type: "authorization_code",
      client_id: options.clientId,
      client_secret: options.clientSecret,
      code: options.code,
      ...(options.redirectUri === undefined ? {} : { redirect_uri: options.redirectUri }),
    },
    options,
  );
  return token;
}

/** Arguments of {@link refreshAccessToken}. */
export type RefreshAccessTokenOptions = TokenCallOptions & {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
};

/**
 * Mints a new access token from a refresh token. Zoho allows about 10 per 10 minutes per refresh
 * token: the client caches tokens and refreshes only near expiry; call this directly only in tools.
 */
export async function refreshAccessToken(options: RefreshAccessTokenOptions): Promise<StoredToken> {
  requireText(options, ["clientId", "clientSecret", "refreshToken"]);
  const token = await requestToken(
    {
      grant_type: "refresh_token",
      client_id: options.clientId,
      client_secret: options.clientSecret,
      refresh_token: options.refreshToken,
    },
    options,
  );
  return { ...token, refreshToken: options.refreshToken };
}

/**
 * Revokes a refresh token (and every access token minted from it) or a single access token.
 *
 * @example
 * await revokeToken({ dc: "US", token: stored.refreshToken });
 */
export async function revokeToken(options: TokenCallOptions & { token: string }): Promise<void> {
  requireText(options, ["token"]);
  const api = createClient<paths>({
    baseUrl: accountsUrlOf(options),
    fetch: (r) => (options.fetch ?? globalThis.fetch)(r),
  });
  const { data, error, response } = await guard(
    api.POST("/oauth/v2/token/revoke", { params: { query: { token: options.token } } }),
  );
  if (response.ok && data?.status === "success") return;
  throw zohoErrorFromResponse(response, data ?? error, {
    endpoint: "POST /oauth/v2/token/revoke",
    secrets: [options.token],
  });
}

function requireText<T extends object>(options: T, keys: ReadonlyArray<keyof T & string>): void {
  for (const key of keys) {
    const value = options[key];
    if (typeof value !== "string" || value.trim() === "") throw new ZohoInputError(key, "required");
  }
}
