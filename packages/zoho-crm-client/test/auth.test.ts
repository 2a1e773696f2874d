import {
  createZohoCrmClient,
  exchangeGrantCode,
  memoryTokenStore,
  refreshAccessToken,
  revokeToken,
  ZohoAuthError,
  ZohoRateLimitedError,
  ZohoReconnectRequiredError,
} from "@kobik/zoho-crm-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  ACCOUNTS,
  API,
  CLIENT_SECRET,
  CRM,
  NOW,
  REFRESH_TOKEN,
  testClient,
  tokenEndpoint,
  useServer,
  validToken,
  zohoError,
} from "./helpers.js";

const server = useServer();
const ORG = { org: [{ id: "111", company_name: "Acme" }] };

describe("exchangeGrantCode", () => {
  it("posts the code as a form body and keeps api_domain and refresh token", async () => {
    const forms = tokenEndpoint(server, () => ({
      access_token: "1000.fresh",
      refresh_token: "1000.refresh",
      api_domain: "https://www.zohoapis.eu",
      expires_in: 3600,
    }));
    const token = await exchangeGrantCode({
      accountsUrl: ACCOUNTS,
      clientId: "cid",
      clientSecret: CLIENT_SECRET,
      code: "1000.grant",
      now: () => NOW,
    });
    expect(token).toEqual({
      accessToken: "1000.fresh",
      refreshToken: "1000.refresh",
      apiDomain: "https://www.zohoapis.eu",
      expiresAt: NOW + 3_600_000,
      scope: undefined,
    });
    expect(Object.fromEntries(forms[0]!)).toEqual({
      grant_type: "authorization_code",
      client_id: "cid",
      client_secret: CLIENT_SECRET,
      code: "1000.grant",
    });
  });

  it("reads legacy replies where expires_in is milliseconds next to expires_in_sec", async () => {
    tokenEndpoint(server, () => ({
      access_token: "a",
      api_domain: API,
      expires_in: 3_600_000,
      expires_in_sec: 3600,
    }));
    const token = await exchangeGrantCode({
      accountsUrl: ACCOUNTS,
      clientId: "c",
      clientSecret: "s",
      code: "g",
      now: () => NOW,
    });
    expect(token.expiresAt).toBe(NOW + 3_600_000);
  });

  it("treats an HTTP 200 {error: invalid_code} as a failure needing a new grant, with secrets redacted", async () => {
    tokenEndpoint(server, () => ({ error: "invalid_code" }));
    const error = await exchangeGrantCode({
      accountsUrl: ACCOUNTS,
      clientId: "c",
      clientSecret: CLIENT_SECRET,
      code: "1000.grant-code-secret",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoReconnectRequiredError);
    expect((error as ZohoReconnectRequiredError).code).toBe("invalid_code");
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
  });

  it("maps Zoho Accounts' throttling reply to a rate-limited error", async () => {
    server.use(
      http.post(`${ACCOUNTS}/oauth/v2/token`, () =>
        HttpResponse.json(
          { error: "Access Denied", error_description: "You have made too many requests continuously." },
          { status: 400 },
        ),
      ),
    );
    await expect(
      exchangeGrantCode({ accountsUrl: ACCOUNTS, clientId: "c", clientSecret: "s", code: "g" }),
    ).rejects.toBeInstanceOf(ZohoRateLimitedError);
  });

  it("uses the data center's accounts server", async () => {
    let hit = "";
    server.use(
      http.post("https://accounts.zohocloud.ca/oauth/v2/token", ({ request }) => {
        hit = request.url;
        return HttpResponse.json({
          access_token: "a",
          api_domain: "https://www.zohoapis.ca",
          expires_in: 3600,
        });
      }),
    );
    const token = await exchangeGrantCode({ dc: "CA", clientId: "c", clientSecret: "s", code: "g" });
    expect(hit).toBe("https://accounts.zohocloud.ca/oauth/v2/token");
    expect(token.apiDomain).toBe("https://www.zohoapis.ca");
  });
});

describe("refreshAccessToken", () => {
  it("keeps the refresh token (Zoho's reply omits it) and rejects missing arguments without a request", async () => {
    const forms = tokenEndpoint(server);
    const token = await refreshAccessToken({
      accountsUrl: ACCOUNTS,
      clientId: "c",
      clientSecret: CLIENT_SECRET,
      refreshToken: REFRESH_TOKEN,
      now: () => NOW,
    });
    expect(token).toMatchObject({
      accessToken: "1000.access-token-2",
      refreshToken: REFRESH_TOKEN,
      apiDomain: API,
    });
    await expect(
      refreshAccessToken({ accountsUrl: ACCOUNTS, clientId: "c", clientSecret: "s", refreshToken: " " }),
    ).rejects.toMatchObject({ field: "refreshToken" });
    expect(forms).toHaveLength(1);
  });

  it("reports a token reply without api_domain as malformed", async () => {
    tokenEndpoint(server, () => ({ access_token: "1000.x", expires_in: 3600 }));
    await expect(
      refreshAccessToken({
        accountsUrl: ACCOUNTS,
        clientId: "c",
        clientSecret: "s",
        refreshToken: REFRESH_TOKEN,
      }),
    ).rejects.toMatchObject({ code: "MALFORMED_RESPONSE" });
  });
});

describe("revokeToken", () => {
  it("revokes and reports an unknown token as an auth error", async () => {
    const seen: string[] = [];
    server.use(
      http.post(`${ACCOUNTS}/oauth/v2/token/revoke`, ({ request }) => {
        const token = new URL(request.url).searchParams.get("token")!;
        seen.push(token);
        return token === REFRESH_TOKEN
          ? HttpResponse.json({ status: "success" })
          : HttpResponse.json({ error: "invalid_token" }, { status: 400 });
      }),
    );
    await revokeToken({ accountsUrl: ACCOUNTS, token: REFRESH_TOKEN });
    const error = await revokeToken({ accountsUrl: ACCOUNTS, token: "1000.unknown-token" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZohoAuthError);
    expect((error as Error).message).not.toContain("1000.unknown-token");
    expect(seen).toEqual([REFRESH_TOKEN, "1000.unknown-token"]);
  });
});

describe("client auth", () => {
  it("sends Zoho-oauthtoken (not Bearer) to the token's api_domain", async () => {
    let auth: string | null = null;
    server.use(
      http.get("https://www.zohoapis.eu/crm/v8/org", ({ request }) => {
        auth = request.headers.get("Authorization");
        return HttpResponse.json(ORG);
      }),
    );
    const { client } = testClient({}, validToken({ apiDomain: "https://www.zohoapis.eu" }));
    expect((await client.org.get()).company_name).toBe("Acme");
    expect(auth).toBe("Zoho-oauthtoken 1000.access-token-one");
  });

  it("refreshes a token within 60 s of expiry before calling, and stores it with the refresh token", async () => {
    const forms = tokenEndpoint(server);
    server.use(http.get(`${CRM}/org`, () => HttpResponse.json(ORG)));
    const { client, tokenStore } = testClient({}, validToken({ expiresAt: NOW + 30_000 }));
    await client.org.get();
    expect(forms).toHaveLength(1);
    expect(forms[0]!.get("grant_type")).toBe("refresh_token");
    expect(forms[0]!.get("refresh_token")).toBe(REFRESH_TOKEN);
    expect(await tokenStore.get()).toMatchObject({
      accessToken: "1000.access-token-2",
      refreshToken: REFRESH_TOKEN,
    });
    expect(client.calls.snapshot()).toEqual({ "POST /oauth/v2/token": 1, "GET /crm/v8/org": 1 });
  });

  it("on 401 INVALID_TOKEN refreshes once and repeats the call once", async () => {
    const forms = tokenEndpoint(server);
    server.use(
      http.get(`${CRM}/org`, ({ request }) =>
        request.headers.get("Authorization") === "Zoho-oauthtoken 1000.access-token-2"
          ? HttpResponse.json(ORG)
          : zohoError(401, "INVALID_TOKEN"),
      ),
    );
    const { client } = testClient();
    expect((await client.org.get()).id).toBe("111");
    expect(forms).toHaveLength(1);
    expect(client.calls.snapshot()["GET /crm/v8/org"]).toBe(2);
  });

  it("100 concurrent calls with an expired token cause one refresh", async () => {
    const forms = tokenEndpoint(server);
    server.use(http.get(`${CRM}/org`, () => HttpResponse.json(ORG)));
    const { client } = testClient({ concurrency: 100 }, validToken({ expiresAt: NOW - 1 }));
    await Promise.all(Array.from({ length: 100 }, () => client.org.get()));
    expect(forms).toHaveLength(1);
  });

  it("100 concurrent calls rejected with INVALID_TOKEN cause one refresh", async () => {
    const forms = tokenEndpoint(server);
    server.use(
      http.get(`${CRM}/org`, ({ request }) =>
        request.headers.get("Authorization")?.endsWith("access-token-one")
          ? zohoError(401, "INVALID_TOKEN")
          : HttpResponse.json(ORG),
      ),
    );
    const { client } = testClient({ concurrency: 100 });
    await Promise.all(Array.from({ length: 100 }, () => client.org.get()));
    expect(forms).toHaveLength(1);
  });

  it("a second INVALID_TOKEN after the refresh is an auth error, not a loop", async () => {
    const forms = tokenEndpoint(server);
    server.use(http.get(`${CRM}/org`, () => zohoError(401, "INVALID_TOKEN")));
    const { client } = testClient();
    const error = await client.org.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoAuthError);
    expect(error).not.toBeInstanceOf(ZohoReconnectRequiredError);
    expect(forms).toHaveLength(1);
    expect(client.calls.snapshot()["GET /crm/v8/org"]).toBe(2);
  });

  it("a revoked refresh token (invalid_code on refresh) asks for a reconnect", async () => {
    tokenEndpoint(server, () => ({ error: "invalid_code" }));
    const { client } = testClient({}, validToken({ expiresAt: NOW - 1 }));
    const error = await client.org.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoReconnectRequiredError);
    expect(JSON.stringify(error)).not.toContain(REFRESH_TOKEN);
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
  });

  it("no stored token asks for a reconnect without calling Zoho", async () => {
    const { client } = testClient({}, null);
    await expect(client.org.get()).rejects.toMatchObject({ code: "NO_TOKEN" });
    expect(client.calls.total()).toBe(0);
  });

  it("prefers a token another worker already refreshed into the store", async () => {
    const forms = tokenEndpoint(server);
    server.use(http.get(`${CRM}/org`, () => HttpResponse.json(ORG)));
    const store = memoryTokenStore(validToken({ expiresAt: NOW - 1 }));
    const client = createZohoCrmClient({
      auth: { kind: "app", clientId: "c", clientSecret: "s", tokenStore: store },
      accountsUrl: ACCOUNTS,
      now: () => NOW,
    });
    await store.set(validToken({ accessToken: "1000.from-other-worker" }));
    await client.org.get();
    expect(forms).toHaveLength(0);
  });
});

describe("provider auth", () => {
  it("uses the supplied token and asks again once after INVALID_TOKEN", async () => {
    const hints: unknown[] = [];
    server.use(
      http.get(`${CRM}/org`, ({ request }) =>
        request.headers.get("Authorization") === "Zoho-oauthtoken user-token-2"
          ? HttpResponse.json(ORG)
          : zohoError(401, "INVALID_TOKEN"),
      ),
    );
    const client = createZohoCrmClient({
      apiDomain: API,
      auth: {
        kind: "provider",
        getAccessToken: async (hint) => {
          hints.push(hint);
          return hint ? "user-token-2" : "user-token-1";
        },
      },
    });
    expect((await client.org.get()).id).toBe("111");
    expect(hints).toEqual([undefined, { rejected: "user-token-1" }]);
  });

  it("rejects base URLs that are not absolute", () => {
    const auth = { kind: "provider" as const, getAccessToken: async () => "t" };
    expect(() => createZohoCrmClient({ auth, apiDomain: "www.zohoapis.com" })).toThrow(/apiDomain/);
  });

  it("needs a data center or an API domain", () => {
    expect(() =>
      createZohoCrmClient({ auth: { kind: "provider", getAccessToken: async () => "t" } }),
    ).toThrow(/dc: provider auth needs/);
  });
});
