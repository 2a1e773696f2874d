/** An access token with everything needed to use and renew it; what a {@link TokenStore} keeps. */
export interface StoredToken {
  accessToken: string;
  /** Absent for provider-issued tokens; kept across refreshes (refresh responses omit it). */
  refreshToken?: string | undefined;
  /** The `api_domain` of the token response: every API call of this connection goes there. */
  apiDomain: string;
  /** Epoch milliseconds at which the access token stops working. */
  expiresAt: number;
  scope?: string | undefined;
}

/**
 * Where a host keeps a connection's token (a database row, Forge storage, a file). One store per
 * connection; `set` is called after every refresh.
 */
export interface TokenStore {
  get(): Promise<StoredToken | undefined>;
  set(token: StoredToken): Promise<void>;
}

/**
 * How the client authenticates: `app` for our own OAuth client (tokens refreshed from the store's
 * refresh token), `provider` for a host that hands out per-user access tokens.
 */
export type ZohoAuth =
  | {
      kind: "app";
      clientId: string;
      clientSecret: string;
      tokenStore: TokenStore;
    }
  | {
      kind: "provider";
      /**
       * Returns a valid access token. After Zoho rejected one with `INVALID_TOKEN`, it is called
       * again with `{ rejected }` and should return a fresh token.
       */
      getAccessToken: (hint?: { rejected: string }) => Promise<string>;
    };

/** An in-memory {@link TokenStore}, for scripts and tests. */
export function memoryTokenStore(initial?: StoredToken): TokenStore {
  let token = initial;
  return {
    get: async () => token,
    set: async (next) => {
      token = next;
    },
  };
}
