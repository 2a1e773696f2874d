import { json, readParams } from "../core/http.js";
import type { Route } from "../core/router.js";
import type { ZohoCtx } from "./context.js";
import type { ZohoDc } from "./dc.js";
import type { AccessToken, RefreshToken } from "./oauth-state.js";
import type { ZohoState } from "./state.js";

const TEN_MINUTES = 10 * 60_000;
const MAX_MINTS_PER_WINDOW = 10;
const MAX_LIVE_ACCESS = 30;
const MAX_REFRESH_PER_USER = 20;

/** Token errors come back with HTTP 200 and `{"error": code}`, as Zoho Accounts does. */
const tokenError = (error: string): Response => json(200, { error });

function newToken(state: ZohoState): string {
  return `1000.${state.random.hex(32)}.${state.random.hex(32)}`;
}

/** Mints an access token for a refresh token (or directly, for a code exchange). */
function mintAccess(state: ZohoState, refresh: RefreshToken): AccessToken {
  const now = state.clock.now();
  const access: AccessToken = {
    token: newToken(state),
    dc: refresh.dc,
    scopes: refresh.scopes.map((s) => s.toLowerCase()),
    userId: refresh.userId,
    expiresAt: now + state.oauth.accessTokenLifetimeMs,
    refresh: refresh.token,
    revoked: false,
  };
  state.oauth.accessTokens.set(access.token, access);
  refresh.mints.push(now);
  refresh.live.push(access.token);
  // The 31st live access token silently deletes the oldest.
  while (refresh.live.length > MAX_LIVE_ACCESS) state.oauth.accessTokens.delete(refresh.live.shift()!);
  return access;
}

function tokenBody(ctx: ZohoCtx, access: AccessToken, refresh: RefreshToken | undefined): Response {
  const lifetime = Math.round((access.expiresAt - ctx.state.clock.now()) / 1000);
  return json(200, {
    access_token: access.token,
    ...(refresh === undefined ? {} : { refresh_token: refresh.token }),
    scope: access.scopes.join(" "),
    api_domain: ctx.apiDomain,
    token_type: "Bearer",
    expires_in: lifetime,
  });
}

function exchangeCode(ctx: ZohoCtx, params: Map<string, string>): Response {
  const { state } = ctx;
  const grant = state.oauth.codes.get(params.get("code") ?? "");
  const now = state.clock.now();
  if (grant === undefined || grant.used || grant.expiresAt <= now || grant.dc !== ctx.dc)
    return tokenError("invalid_code");
  if (grant.clientId !== params.get("client_id")) return tokenError("invalid_client");
  grant.used = true;
  const refresh: RefreshToken = {
    token: newToken(state),
    clientId: grant.clientId,
    dc: grant.dc,
    scopes: grant.scopes,
    userId: grant.userId,
    revoked: false,
    created: now,
    mints: [],
    live: [],
  };
  state.oauth.refreshTokens.set(refresh.token, refresh);
  // The 21st refresh token of a user and client deletes the oldest, even if still in use.
  const mine = [...state.oauth.refreshTokens.values()].filter(
    (r) => !r.revoked && r.userId === refresh.userId && r.clientId === refresh.clientId,
  );
  for (const old of mine.slice(0, Math.max(0, mine.length - MAX_REFRESH_PER_USER))) revokeRefresh(state, old);
  return tokenBody(ctx, mintAccess(state, refresh), refresh);
}

function refreshAccess(ctx: ZohoCtx, params: Map<string, string>): Response {
  const { state } = ctx;
  const refresh = state.oauth.refreshTokens.get(params.get("refresh_token") ?? "");
  if (refresh === undefined || refresh.revoked || refresh.dc !== ctx.dc) return tokenError("invalid_code");
  if (refresh.clientId !== params.get("client_id")) return tokenError("invalid_client");
  const now = state.clock.now();
  refresh.mints = refresh.mints.filter((t) => t > now - TEN_MINUTES);
  if (refresh.mints.length >= MAX_MINTS_PER_WINDOW) {
    return json(400, {
      error_description: "You have made too many requests continuously. Please try again after some time.",
      error: "Access Denied",
      status: "failure",
    });
  }
  return tokenBody(ctx, mintAccess(state, refresh), undefined);
}

/** Revokes a refresh token and every access token minted from it. */
export function revokeRefresh(state: ZohoState, refresh: RefreshToken): void {
  refresh.revoked = true;
  for (const token of refresh.live) state.oauth.accessTokens.delete(token);
  refresh.live = [];
}

const token: Route<ZohoCtx>["handler"] = async (request, ctx) => {
  const params = await readParams(request, ctx.url);
  const client = ctx.state.oauth.clients.find((c) => c.clientId === params.get("client_id"));
  if (client === undefined) return tokenError("invalid_client");
  if (client.clientSecret !== params.get("client_secret")) return tokenError("invalid_client_secret");
  switch (params.get("grant_type")) {
    case "authorization_code":
      if (client.redirectUri !== undefined && client.redirectUri !== params.get("redirect_uri")) {
        return tokenError("invalid_redirect_uri");
      }
      return exchangeCode(ctx, params);
    case "refresh_token":
      return refreshAccess(ctx, params);
    default:
      return tokenError("unsupported_grant_type");
  }
};

const revoke: Route<ZohoCtx>["handler"] = async (request, ctx) => {
  const params = await readParams(request, ctx.url);
  const value = params.get("token") ?? "";
  const refresh = ctx.state.oauth.refreshTokens.get(value);
  if (refresh !== undefined && !refresh.revoked) {
    revokeRefresh(ctx.state, refresh);
    return json(200, { status: "success" });
  }
  if (ctx.state.oauth.accessTokens.delete(value)) return json(200, { status: "success" });
  return json(400, { status: "failure", error: "invalid_token" });
};

/** Accounts-server routes. */
export const oauthRoutes: Route<ZohoCtx>[] = [
  { method: "POST", path: "/oauth/v2/token/revoke", name: "oauth.revoke", handler: revoke },
  { method: "POST", path: "/oauth/v2/token", name: "oauth.token", handler: token },
];

/** Options of `mintGrantCode`. */
export interface GrantCodeOptions {
  /** Scopes, e.g. `["ZohoCRM.modules.ALL", "ZohoCRM.settings.ALL"]`. */
  scopes: readonly string[];
  /** DC whose accounts server accepts the code; the simulator's default DC when omitted. */
  dc?: ZohoDc;
  /** Client the code is issued to; the first registered client when omitted. */
  clientId?: string;
  /** User the tokens act as; the primary admin when omitted. */
  userId?: string;
  /** Code lifetime; 3 minutes (the API console's default) when omitted. */
  lifetimeMs?: number;
}

/** Mints a self-client grant code, as the API console does. */
export function mintGrantCode(state: ZohoState, options: GrantCodeOptions): string {
  const client = options.clientId ?? state.oauth.clients[0]?.clientId;
  if (client === undefined) throw new TypeError("mintGrantCode: no OAuth client is registered");
  if (options.scopes.length === 0) throw new TypeError("mintGrantCode: scopes must not be empty");
  const code = `1000.${state.random.hex(32)}.${state.random.hex(32)}`;
  state.oauth.codes.set(code, {
    code,
    clientId: client,
    dc: options.dc ?? state.defaultDc,
    scopes: [...options.scopes],
    userId: options.userId ?? state.users[0]!.id,
    expiresAt: state.clock.now() + (options.lifetimeMs ?? 3 * 60_000),
    used: false,
  });
  return code;
}

/** Revokes every grant: refresh and access tokens alike (the "token revocation" fault). */
export function revokeAllTokens(state: ZohoState): void {
  for (const refresh of state.oauth.refreshTokens.values()) revokeRefresh(state, refresh);
  state.oauth.accessTokens.clear();
}

/** Marks every access token as expired without touching refresh tokens. */
export function expireAccessTokens(state: ZohoState): void {
  for (const access of state.oauth.accessTokens.values()) access.expiresAt = state.clock.now();
}

/** The DC a token string belongs to, if it is a live access token. */
export function lookupAccess(state: ZohoState, value: string, dc: ZohoDc): AccessToken | undefined {
  const access = state.oauth.accessTokens.get(value);
  if (access === undefined || access.revoked || access.dc !== dc) return undefined;
  return access.expiresAt > state.clock.now() ? access : undefined;
}
