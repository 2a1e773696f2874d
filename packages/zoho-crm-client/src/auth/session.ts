import { ZohoAuthError, ZohoReconnectRequiredError } from "../errors.js";
import { refreshAccessToken } from "./oauth.js";
import type { AccountsTarget } from "./token-endpoint.js";
import type { StoredToken, ZohoAuth } from "./types.js";

/** Refresh this long before expiry, so a token never dies in flight. */
const EXPIRY_SKEW_MS = 60_000;

/** The client's view of auth: a token to send now, a fresh one after a rejection, the API domain. */
export interface Session {
  accessToken(): Promise<string>;
  /** A token other than `rejected` (refreshing once, shared by all callers), or throws. */
  renew(rejected: string): Promise<string>;
  /** The token's `api_domain`, when the auth mode has one. */
  apiDomain(): Promise<string | undefined>;
  /** Secrets to scrub from errors. */
  secrets(): string[];
}

interface SessionDeps {
  accounts: AccountsTarget;
  fetch: (request: Request) => Promise<Response>;
  now: () => number;
}

/** @internal Builds the session for an auth mode. */
export function createSession(auth: ZohoAuth, deps: SessionDeps): Session {
  switch (auth.kind) {
    case "app":
      return appSession(auth, deps);
    case "provider":
      return providerSession(auth);
    default:
      throw new ZohoAuthError("unknown auth kind", { code: "INVALID_ARGUMENT" });
  }
}

function appSession(auth: Extract<ZohoAuth, { kind: "app" }>, deps: SessionDeps): Session {
  let current: StoredToken | undefined;
  // Single flight: every caller that needs a new token while one is being fetched awaits the same
  // promise, so 100 concurrent calls cost one refresh (Zoho mints ~10 per 10 minutes at most).
  let pending: Promise<StoredToken> | undefined;
  const fresh = (t: StoredToken | undefined): t is StoredToken =>
    t !== undefined && t.expiresAt - EXPIRY_SKEW_MS > deps.now();

  async function load(rejected: string | undefined): Promise<StoredToken> {
    // Another worker may have refreshed already and saved the result: prefer that over minting.
    const stored = await auth.tokenStore.get();
    if (stored === undefined) {
      throw new ZohoReconnectRequiredError(
        "no Zoho token stored for this connection: exchange a grant code first",
        {
          code: "NO_TOKEN",
        },
      );
    }
    if (fresh(stored) && stored.accessToken !== rejected) return stored;
    if (!stored.refreshToken) {
      throw new ZohoReconnectRequiredError("the stored Zoho token has no refresh token", {
        code: "NO_REFRESH_TOKEN",
      });
    }
    const next = await refreshAccessToken({
      ...deps.accounts,
      fetch: deps.fetch,
      now: deps.now,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      refreshToken: stored.refreshToken,
    });
    await auth.tokenStore.set(next);
    return next;
  }

  function obtain(rejected: string | undefined): Promise<StoredToken> {
    pending ??= load(rejected)
      .then((token) => {
        current = token;
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  return {
    async accessToken() {
      return fresh(current) ? current.accessToken : (await obtain(undefined)).accessToken;
    },
    async renew(rejected) {
      if (fresh(current) && current.accessToken !== rejected) return current.accessToken;
      const token = (await obtain(rejected)).accessToken;
      // We may have joined a plain load that returned the very token Zoho just refused.
      return token === rejected ? (await obtain(rejected)).accessToken : token;
    },
    async apiDomain() {
      return fresh(current) ? current.apiDomain : (await obtain(undefined)).apiDomain;
    },
    secrets: () =>
      [auth.clientSecret, current?.accessToken, current?.refreshToken].filter(
        (s): s is string => s !== undefined,
      ),
  };
}

function providerSession(auth: Extract<ZohoAuth, { kind: "provider" }>): Session {
  let last: string | undefined;
  let pending: Promise<string> | undefined;
  const remember = (p: Promise<string>) =>
    p.then((token) => {
      last = token;
      return token;
    });
  return {
    accessToken: () => remember(auth.getAccessToken()),
    renew(rejected) {
      pending ??= remember(auth.getAccessToken({ rejected })).finally(() => {
        pending = undefined;
      });
      return pending;
    },
    apiDomain: async () => undefined,
    secrets: () => (last === undefined ? [] : [last]),
  };
}
