import { createTransport, TransportNetworkError, TransportTimeoutError } from "@kobik/transport";
import { describe, expect, it } from "vitest";

// Paths the msw suite does not take: an injected fetch (one Request per attempt, re-wrapped with
// the attempt's signal) and the limiter's ordering and slot hand-over.
const BASE = "https://api.example.test";
const noWait = { random: () => 0, sleep: async () => undefined };

function hangUntilAborted(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason));
  });
}

describe("createTransport with an injected fetch", () => {
  it("aborts a hung attempt through the request's signal and types the timeout", async () => {
    const seen: Request[] = [];
    const transport = createTransport({
      ...noWait,
      timeoutMs: 10,
      retry: { retries: 0 },
      fetch: (request) => {
        seen.push(request);
        return hangUntilAborted(request);
      },
    });
    await expect(transport.fetch(new Request(`${BASE}/slow`))).rejects.toBeInstanceOf(TransportTimeoutError);
    expect(seen[0]?.signal.aborted).toBe(true);
  });

  it("sends an unread body on every attempt and numbers attempts from the first", async () => {
    const bodies: string[] = [];
    const statuses = [429, 503, 200];
    const attempts: number[] = [];
    const transport = createTransport({
      ...noWait,
      isIdempotent: () => true,
      onAttempt: (e) => attempts.push(e.attempt),
      fetch: async (request) => {
        bodies.push(await request.text());
        return new Response("{}", { status: statuses[bodies.length - 1] });
      },
    });
    const request = new Request(`${BASE}/items`, { method: "POST", body: '{"name":"Ünïcode"}' });
    const response = await transport.fetch(request);
    expect(response.status).toBe(200);
    expect(bodies).toEqual(['{"name":"Ünïcode"}', '{"name":"Ünïcode"}', '{"name":"Ünïcode"}']);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it("forwards the caller's abort to the attempt in flight", async () => {
    const controller = new AbortController();
    const transport = createTransport({
      ...noWait,
      fetch: (request) => {
        controller.abort(new Error("caller gave up"));
        return hangUntilAborted(request);
      },
    });
    await expect(transport.fetch(new Request(`${BASE}/x`, { signal: controller.signal }))).rejects.toThrow(
      "caller gave up",
    );
    expect(transport.calls.total()).toBe(1);
  });
});

describe("concurrency limiter", () => {
  it("starts waiting requests in arrival order and frees the slot of a failed one", async () => {
    const started: string[] = [];
    const transport = createTransport({
      ...noWait,
      concurrency: 1,
      retry: { retries: 0 },
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        started.push(path);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (path === "/fail") throw new TypeError("fetch failed");
        return new Response(null, { status: 204 });
      },
    });
    const results = await Promise.allSettled(
      ["/fail", "/a", "/b", "/c"].map((p) => transport.fetch(new Request(`${BASE}${p}`))),
    );
    expect(started).toEqual(["/fail", "/a", "/b", "/c"]);
    expect(results[0]).toMatchObject({ status: "rejected", reason: expect.any(TransportNetworkError) });
    expect(results.slice(1).map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
  });

  it("refuses a concurrency below one, naming the option", () => {
    expect(() => createTransport({ concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createTransport({ concurrency: 1.5 })).toThrow(TypeError);
  });
});
