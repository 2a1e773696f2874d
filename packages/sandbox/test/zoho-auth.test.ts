import { createZohoCrmSimulator, ZOHO_SANDBOX_CLIENT } from "@kobik/sandbox";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { body, exchange, zohoWithToken } from "./zoho-helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(...args: Parameters<typeof zohoWithToken>) {
  const ctx = await zohoWithToken(...args);
  cleanups.push(() => ctx.zoho.close());
  return ctx;
}

describe("Zoho OAuth", () => {
  it("exchanges a grant code once; a reused code gives HTTP 200 {error: invalid_code}", async () => {
    const zoho = await createZohoCrmSimulator({ serve: { kind: "loopback" } });
    cleanups.push(() => zoho.close());
    const code = zoho.mintGrantCode({ scopes: ["ZohoCRM.modules.ALL"] });
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: ZOHO_SANDBOX_CLIENT.clientId,
      client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
      code,
    });
    const first = await body(await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: form }));
    expect(first).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      api_domain: zoho.url,
      refresh_token: expect.any(String),
    });
    const again = await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: form });
    expect(again.status).toBe(200);
    expect(await body(again)).toEqual({ error: "invalid_code" });
  });

  it("reports a wrong secret as invalid_client_secret", async () => {
    const zoho = await createZohoCrmSimulator();
    cleanups.push(() => zoho.close());
    const url = `${zoho.url}/oauth/v2/token?grant_type=refresh_token&client_id=${ZOHO_SANDBOX_CLIENT.clientId}&client_secret=nope&refresh_token=x`;
    expect(await body(await fetch(url, { method: "POST" }))).toEqual({ error: "invalid_client_secret" });
  });

  it("refreshes without a new refresh token, and revoking the refresh token kills its access tokens", async () => {
    const { zoho, tokens, api } = await setup();
    const refresh = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: ZOHO_SANDBOX_CLIENT.clientId,
      client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
      refresh_token: tokens.refresh_token,
    });
    const refreshed = await body(
      await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: refresh }),
    );
    expect(refreshed.refresh_token).toBeUndefined();
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const revoke = await fetch(`${zoho.url}/oauth/v2/token/revoke?token=${tokens.refresh_token}`, {
      method: "POST",
    });
    expect(await body(revoke)).toEqual({ status: "success" });
    const res = await api("/org");
    expect(res.status).toBe(401);
    expect(await body(res)).toEqual({
      code: "INVALID_TOKEN",
      details: {},
      message: "invalid oauth token",
      status: "error",
    });
    expect(await body(await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: refresh }))).toEqual({
      error: "invalid_code",
    });
  });

  it("expires access tokens after the configured lifetime", async () => {
    const { zoho, api } = await setup({ accessTokenLifetimeMs: 60_000 });
    expect((await api("/org")).status).toBe(200);
    zoho.clock.advance(60_000);
    expect((await api("/org")).status).toBe(401);
  });

  it("limits a refresh token to 10 access tokens per 10 minutes", async () => {
    const { zoho, tokens } = await setup();
    const refresh = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: ZOHO_SANDBOX_CLIENT.clientId,
      client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
      refresh_token: tokens.refresh_token,
    });
    const statuses: unknown[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push(
        (await body(await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: refresh }))).error,
      );
    // The code exchange minted the first access token, so the 10th refresh is the 11th mint.
    expect(statuses.slice(0, 9).every((e) => e === undefined)).toBe(true);
    expect(statuses[9]).toBe("Access Denied");
  });

  it("refuses a Bearer header and a missing scope", async () => {
    const { tokens, api } = await setup({}, ["ZohoCRM.modules.leads.READ"]);
    const bearer = await fetch(`${tokens.api_domain}/crm/v8/Leads?fields=Last_Name`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(bearer.status).toBe(401);
    expect((await api("/Leads?fields=Last_Name")).status).toBe(204);
    const other = await api("/Contacts?fields=Last_Name");
    expect(other.status).toBe(401);
    expect((await body(other)).code).toBe("OAUTH_SCOPE_MISMATCH");
    expect(
      (
        await body(
          await api("/Leads", { method: "POST", body: JSON.stringify({ data: [{ Last_Name: "x" }] }) }),
        )
      ).code,
    ).toBe("OAUTH_SCOPE_MISMATCH");
  });

  it("ties tokens to a DC: an EU token fails on the US API prefix", async () => {
    const { zoho } = await setup();
    const code = zoho.mintGrantCode({ scopes: ["ZohoCRM.org.READ"], dc: "eu" });
    const form = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: ZOHO_SANDBOX_CLIENT.clientId,
      client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
      code,
    });
    expect(await body(await fetch(`${zoho.url}/oauth/v2/token`, { method: "POST", body: form }))).toEqual({
      error: "invalid_code",
    });
    const eu = await body(
      await fetch(`${zoho.accountsUrl("eu")}/oauth/v2/token`, { method: "POST", body: form }),
    );
    expect(eu.api_domain).toBe(`${zoho.url}/dc/eu`);
    const headers = { authorization: `Zoho-oauthtoken ${eu.access_token}` };
    expect((await fetch(`${eu.api_domain}/crm/v8/org`, { headers })).status).toBe(200);
    expect((await fetch(`${zoho.url}/crm/v8/org`, { headers })).status).toBe(401);
  });
});

describe("Zoho over msw with real DC hostnames", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it("answers accounts.zoho.com.au and returns the AU api_domain", async () => {
    const zoho = await createZohoCrmSimulator({ serve: { kind: "msw-only" }, dc: "au" });
    cleanups.push(() => zoho.close());
    server.use(...zoho.handlers);
    expect(zoho.url).toBeUndefined();
    const tokens = await exchange(zoho, ["ZohoCRM.org.READ"]);
    expect(tokens.api_domain).toBe("https://www.zohoapis.com.au");
    const headers = { authorization: `Zoho-oauthtoken ${tokens.access_token}` };
    const org = await body(await fetch("https://www.zohoapis.com.au/crm/v8/org", { headers }));
    expect(org.org[0].company_name).toBe("Kobik Sandbox Org");
    const wrongDc = await fetch("https://www.zohoapis.eu/crm/v8/org", { headers });
    expect(wrongDc.status).toBe(401);
    expect((await body(wrongDc)).code).toBe("INVALID_TOKEN");
  });
});

describe("Zoho limits", () => {
  it("answers 429 TOO_MANY_REQUESTS without Retry-After past the org's concurrency limit", async () => {
    const { zoho, api } = await setup({ concurrencyLimit: 1 });
    zoho.faults.configure({ latencyMs: 300, routes: ["org.get"] });
    const slow = api("/org");
    await expect.poll(() => zoho.inspect.inFlight()).toBe(1);
    zoho.faults.clear();
    const second = await api("/org");
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBeNull();
    expect((await body(second)).code).toBe("TOO_MANY_REQUESTS");
    expect((await slow).status).toBe(200);
  });
});
