import type { ZohoDc } from "./dc.js";

/** A registered OAuth client (self-client or server-based). */
export interface ZohoOAuthClient {
  clientId: string;
  clientSecret: string;
  /** Required on code exchange when set (server-based clients); self-clients have none. */
  redirectUri?: string;
}

/** A single-use grant code. */
export interface GrantCode {
  code: string;
  clientId: string;
  dc: ZohoDc;
  scopes: string[];
  userId: string;
  expiresAt: number;
  used: boolean;
}

/** A refresh token and the access tokens minted from it. */
export interface RefreshToken {
  token: string;
  clientId: string;
  dc: ZohoDc;
  scopes: string[];
  userId: string;
  revoked: boolean;
  created: number;
  /** Mint times of access tokens, for the 10-per-10-minutes limit. */
  mints: number[];
  live: string[];
}

/** An access token. */
export interface AccessToken {
  token: string;
  dc: ZohoDc;
  /** Lower-cased scope names. */
  scopes: string[];
  userId: string;
  expiresAt: number;
  refresh: string | undefined;
  revoked: boolean;
}

/** OAuth bookkeeping of one simulator. */
export interface OAuthState {
  clients: ZohoOAuthClient[];
  codes: Map<string, GrantCode>;
  refreshTokens: Map<string, RefreshToken>;
  accessTokens: Map<string, AccessToken>;
  accessTokenLifetimeMs: number;
}

/** Creates empty OAuth bookkeeping. */
export function createOAuthState(clients: ZohoOAuthClient[], accessTokenLifetimeMs: number): OAuthState {
  return {
    clients,
    codes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    accessTokenLifetimeMs,
  };
}
