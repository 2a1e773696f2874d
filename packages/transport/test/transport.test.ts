import { createTransport, TransportNetworkError, TransportTimeoutError } from "@kobik/transport";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = "https://api.example.test";

/** A transport whose waits are recorded instead of slept, so tests run instantly and deterministically. */
function testTransport(extra: Parameters<typeof createTransport>[0] = {}) {
  const waits: number[] = [];
  const transport = createTransport({
    random: () => 0,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { transport, waits };
}

function sequence(...responses: Array<() => Response>) {
  let i = 0;
  return () => responses[Math.min(i++, responses.length - 1)]!();
}

describe("createTransport", () => {
  it("retries a GET after 503 and counts both attempts under one endpoint label", async () => {
    server.use(
      http.get(
        `${BASE}/crm/v8/Leads/:id`,
        sequence(
          () => new HttpResponse(null, { status: 503 }),
          () => HttpResponse.json({ ok: true }),
        ),
      ),
    );
    const { transport } = testTransport();
    const res = await transport.fetch(new Request(`${BASE}/crm/v8/Leads/4876876000000327001`));
    expect(await res.json()).toEqual({ ok: true });
    expect(transport.calls.snapshot()).toEqual({ "GET /crm/v8/Leads/{id}": 2 });
  });

  it("does not repeat a POST after a 5xx, but does after a 429", async () => {
    let posts = 0;
    server.use(
      http.post(`${BASE}/issue`, () => {
        posts++;
        return new HttpResponse(null, { status: 500 });
      }),
    );
    const { transport } = testTransport();
    const res = await transport.fetch(new Request(`${BASE}/issue`, { method: "POST", body: "{}" }));
    expect(res.status).toBe(500);
    expect(posts).toBe(1);

    server.use(
      http.post(
        `${BASE}/issue`,
        sequence(
          () => new HttpResponse(null, { status: 429 }),
          () => HttpResponse.json({ id: "1" }, { status: 201 }),
        ),
      ),
    );
    const created = await transport.fetch(new Request(`${BASE}/issue`, { method: "POST", body: '{"a":1}' }));
    expect(created.status).toBe(201);
  });

  it("waits the server's Retry-After before retrying", async () => {
    server.use(
      http.get(
        `${BASE}/x`,
        sequence(
          () => new HttpResponse(null, { status: 429, headers: { "Retry-After": "3" } }),
          () => HttpResponse.json({}),
        ),
      ),
    );
    const { transport, waits } = testTransport();
    expect((await transport.fetch(new Request(`${BASE}/x`))).status).toBe(200);
    expect(waits).toContain(3000);
  });

  it("hands a long quota pause back to the caller instead of blocking", async () => {
    server.use(
      http.get(
        `${BASE}/x`,
        () =>
          new HttpResponse(null, {
            status: 429,
            headers: { "Retry-After": "3600", "RateLimit-Reason": "jira-quota-tenant-based" },
          }),
      ),
    );
    const seen: unknown[] = [];
    const { transport, waits } = testTransport({
      onRateLimited: (e) => {
        seen.push(e);
        return true;
      },
    });
    const res = await transport.fetch(new Request(`${BASE}/x`));
    expect(res.status).toBe(429);
    expect(waits).toEqual([]);
    expect(seen).toEqual([
      { endpoint: "GET /x", attempt: 1, retryAfterMs: 3_600_000, reason: "jira-quota-tenant-based" },
    ]);
  });

  it("lets the host give up on a rate limit through onRateLimited", async () => {
    server.use(http.get(`${BASE}/x`, () => new HttpResponse(null, { status: 429 })));
    const { transport } = testTransport({ onRateLimited: () => false });
    expect((await transport.fetch(new Request(`${BASE}/x`))).status).toBe(429);
    expect(transport.calls.total()).toBe(1);
  });

  it("retries network failures and then throws a typed network error", async () => {
    server.use(http.get(`${BASE}/x`, () => HttpResponse.error()));
    const { transport } = testTransport({ retry: { retries: 2 } });
    await expect(transport.fetch(new Request(`${BASE}/x`))).rejects.toBeInstanceOf(TransportNetworkError);
    expect(transport.calls.total()).toBe(3);
  });

  it("times out a hung attempt with a typed error", async () => {
    server.use(
      http.get(`${BASE}/slow`, async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const { transport } = testTransport({ timeoutMs: 20, retry: { retries: 1 } });
    await expect(transport.fetch(new Request(`${BASE}/slow`))).rejects.toBeInstanceOf(TransportTimeoutError);
    expect(transport.calls.total()).toBe(2);
  });

  it("never has more requests in flight than its concurrency", async () => {
    let inFlight = 0;
    let peak = 0;
    server.use(
      http.get(`${BASE}/q/:n`, async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await delay(5);
        inFlight--;
        return HttpResponse.json({});
      }),
    );
    const { transport } = testTransport({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, n) => transport.fetch(new Request(`${BASE}/q/${n}`))));
    expect(peak).toBe(3);
  });

  it("stops at once when the caller aborts", async () => {
    server.use(http.get(`${BASE}/x`, () => new HttpResponse(null, { status: 503 })));
    const controller = new AbortController();
    const { transport } = createTransportAbortingAfterFirst(controller);
    await expect(transport.fetch(new Request(`${BASE}/x`, { signal: controller.signal }))).rejects.toThrow();
    expect(transport.calls.total()).toBe(1);
  });

  it("reports each attempt without headers or bodies", async () => {
    server.use(http.get(`${BASE}/x`, () => HttpResponse.json({})));
    const events: unknown[] = [];
    const { transport } = testTransport({ onAttempt: (e) => events.push({ ...e, durationMs: 0 }) });
    await transport.fetch(new Request(`${BASE}/x`, { headers: { Authorization: "Bearer secret-value" } }));
    expect(events).toEqual([
      { endpoint: "GET /x", attempt: 1, durationMs: 0, outcome: { kind: "response", status: 200 } },
    ]);
  });
});

function createTransportAbortingAfterFirst(controller: AbortController) {
  return testTransport({
    sleep: async (_ms, signal) => {
      controller.abort(new Error("cancelled by caller"));
      if (signal?.aborted) throw signal.reason;
    },
  });
}
