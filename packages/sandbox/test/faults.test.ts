import { createJiraSimulator, createZohoCrmSimulator } from "@kobik/sandbox";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { body, zohoWithToken } from "./zoho-helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function statuses(seed: number): Promise<number[]> {
  const { zoho, api } = await zohoWithToken({ faults: { seed, serverErrorRatio: 0.3, routes: ["org.get"] } });
  cleanups.push(() => zoho.close());
  const out: number[] = [];
  for (let i = 0; i < 20; i++) out.push((await api("/org")).status);
  return out;
}

describe("fault injection", () => {
  it("is deterministic from the seed", async () => {
    const a = await statuses(42);
    expect(await statuses(42)).toEqual(a);
    expect(a.some((s) => s >= 500)).toBe(true);
    expect(a.some((s) => s === 200)).toBe(true);
  });

  it("answers 5xx in the service's error shape", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    zoho.faults.queue({ kind: "serverError", status: 503 }, { route: "org.get" });
    const res = await api("/org");
    expect(res.status).toBe(503);
    expect(await body(res)).toMatchObject({ code: "INTERNAL_ERROR", status: "error" });
    expect((await api("/org")).status).toBe(200);
  });

  it("resets the connection on loopback", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    zoho.faults.queue({ kind: "connectionReset" });
    await expect(api("/org")).rejects.toThrow();
  });

  it("hangs until the client aborts", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    zoho.faults.queue({ kind: "hang" });
    const abort = new AbortController();
    const pending = api("/org", { signal: abort.signal });
    await expect.poll(() => zoho.inspect.calls()["org.get"]).toBe(1);
    abort.abort();
    await expect(pending).rejects.toThrow();
  });

  it("plays 429 bursts: every N requests, the next M are limited; Jira adds Retry-After", async () => {
    const jira = await createJiraSimulator({ faults: { rateLimitBurst: { every: 2, length: 1 } } });
    cleanups.push(() => jira.close());
    const out: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${jira.url}/rest/api/3/myself`, {
        headers: { authorization: jira.basicAuth() },
      });
      out.push(res.status === 429 ? res.headers.get("retry-after") : String(res.status));
    }
    expect(out).toEqual(["200", "200", "2", "200", "200", "2"]);
  });

  it("revokes tokens: Zoho access and refresh tokens stop working", async () => {
    const { zoho, api } = await zohoWithToken();
    cleanups.push(() => zoho.close());
    zoho.faults.revokeTokens();
    expect((await body(await api("/org"))).code).toBe("INVALID_TOKEN");
  });
});

describe("msw mode", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it("serves Jira at https://<site>.atlassian.net and turns a reset into a network error", async () => {
    const jira = await createJiraSimulator({ serve: { kind: "msw-only" }, site: "acme" });
    cleanups.push(() => jira.close());
    server.use(...jira.handlers);
    const me = await body(
      await fetch("https://acme.atlassian.net/rest/api/3/myself", {
        headers: { authorization: jira.basicAuth() },
      }),
    );
    expect(me.emailAddress).toBe("admin@kobik-sandbox.example.com");
    jira.faults.queue({ kind: "connectionReset" });
    await expect(
      fetch("https://acme.atlassian.net/rest/api/3/myself", { headers: { authorization: jira.basicAuth() } }),
    ).rejects.toThrow();
  });

  it("keeps Zoho state per simulator, not per module", async () => {
    const a = await createZohoCrmSimulator({ serve: { kind: "msw-only" }, records: { Leads: 2 } });
    const b = await createZohoCrmSimulator({ serve: { kind: "msw-only" } });
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    expect(a.inspect.recordIds("Leads")).toHaveLength(2);
    expect(b.inspect.recordIds("Leads")).toHaveLength(0);
  });
});
