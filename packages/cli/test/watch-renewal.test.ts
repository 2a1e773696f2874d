import { join } from "node:path";
import { createSqliteStore, parseSecretKey } from "@kobik/cli";
import type { SmartConnectedItem } from "@kobik/sync-core";
import { afterEach, describe, expect, it } from "vitest";
import { createEngineHost, type EngineHost } from "../src/cli/engine-host.js";
import { readChannelState } from "../src/watch/channel-state.js";
import { register } from "../src/watch/registration.js";
import {
  keepChannelAlive,
  type RenewalTimers,
  renewalDelayMs,
  renewalRetryMs,
} from "../src/watch/renewal.js";
import { type ProcessWorld, startProcessWorld, TEST_SECRET_KEY } from "./helpers/world.js";

const HOUR = 3_600_000;
const PUBLIC_URL = "https://kobik.example.com";

/** Timers driven by the test: nothing fires until the test says so, and no test waits on a clock. */
function handTimers() {
  type Timer = { ms: number; state: "pending" | "fired" | "cleared"; run(): void };
  const pending: Timer[] = [];
  const timers: RenewalTimers = {
    set(run, ms) {
      const timer: Timer = {
        ms,
        state: "pending",
        run() {
          timer.state = "fired";
          run();
        },
      };
      pending.push(timer);
      return timer;
    },
    clear(handle) {
      (handle as Timer).state = "cleared";
    },
  };
  const next = () => {
    const live = pending.filter((t) => t.state === "pending");
    expect(live).toHaveLength(1);
    return live[0]!;
  };
  return { timers, pending, next };
}

let world: ProcessWorld | null = null;
let closeStore: (() => void) | null = null;
afterEach(async () => {
  closeStore?.();
  closeStore = null;
  await world?.close();
  world = null;
});

/** A connected workspace (made by real `kobik` processes) opened in this process, plus a test clock. */
async function setup() {
  world = await startProcessWorld({ deals: 0 });
  const w = world;
  const store = createSqliteStore({
    file: join(w.dir, ".kobik", "kobik.db"),
    secretKey: parseSecretKey(TEST_SECRET_KEY, "test"),
  });
  closeStore = () => store.close();
  const host: EngineHost = await createEngineHost({
    store,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const items: SmartConnectedItem[] = (await store.items.list({ limit: 10 })).items;
  // The registration reads time from here; the test moves it together with the simulators' clocks.
  let now = w.zoho.clock.now();
  const advance = (ms: number) => {
    now += ms;
    w.zoho.clock.advance(ms);
    w.jira.clock.advance(ms);
  };
  const lines: string[] = [];
  const registration = await register(host, items, PUBLIC_URL, { channelLifeMs: HOUR, now: () => now });
  const hand = handTimers();
  const keepAlive = keepChannelAlive({
    registration,
    settings: store.settings,
    log: (line) => lines.push(line),
    now: () => now,
    timers: hand.timers,
  });
  return { w, store, registration, keepAlive, hand, advance, lines, now: () => now };
}

describe("watch --listen keeps its Zoho channel alive", () => {
  it("renews the channel at 90% of the lifetime Zoho granted, before it expires", async () => {
    const { w, store, registration, hand, advance, lines, now } = await setup();
    const [channel] = w.zoho.inspect.channels();
    const firstExpiry = channel!.expiry;
    // Zoho's answer is in whole seconds; the registration keeps what Zoho said, not what it asked.
    expect(registration.expiresAt.getTime()).toBe(Math.floor(firstExpiry / 1000) * 1000);
    const timer = hand.next();
    expect(timer.ms).toBe(renewalDelayMs(registration.expiresAt, now()));
    expect(timer.ms).toBeLessThan(registration.expiresAt.getTime() - now());
    expect(timer.ms).toBeGreaterThan(0.85 * HOUR);

    advance(timer.ms);
    timer.run();
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(/^Renewed Zoho channel \d+ until /);
    expect(w.zoho.inspect.calls()["watch.update"]).toBe(1);
    const state = readChannelState(store.settings);
    if (state?.kind !== "active") throw new Error(`expected an active channel state, got ${state?.kind}`);
    expect(state).toMatchObject({ channelId: registration.channelId, lastRenewalError: null });
    const renewedUntil = new Date(state.expiresAt);
    expect(renewedUntil.getTime()).toBeGreaterThan(firstExpiry);
    expect(hand.next().ms).toBe(renewalDelayMs(renewedUntil, now()));

    advance(firstExpiry - now() + 60_000); // past the first expiry: the channel still lives
    const renewed = w.zoho.inspect.channels()[0]!;
    expect(renewed.channelId).toBe(registration.channelId);
    expect(renewed.expiry).toBeGreaterThan(w.zoho.clock.now());
  });

  it("retries a failed renewal with backoff, and status shows the expiry and the error until one succeeds", async () => {
    const { w, store, hand, advance, lines } = await setup();
    w.zoho.faults.queue({ kind: "serverError", status: 500 }, { times: 2, route: "watch.update" });
    const first = hand.next();
    advance(first.ms);
    first.run();
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(
      /^warning: could not renew Zoho channel \d+ \(attempt 1, expires .*Retrying in 30s/,
    );
    const retry = hand.next();
    expect(retry.ms).toBe(renewalRetryMs(1));

    const status = await w.run("status", "--json");
    expect(status.code).toBe(0);
    const push = JSON.parse(status.stdout).push;
    expect(push).toMatchObject({ kind: "active", lastRenewalError: { attempts: 1 } });
    expect(push.lastRenewalError.message).toMatch(/./);
    expect(push.lastRenewalError.message).not.toContain(TEST_SECRET_KEY);
    const text = await w.run("status");
    expect(text.stdout).toMatch(/Push {6}Zoho channel \d+ expires /);
    expect(text.stdout).toContain("last renewal error at");

    advance(retry.ms);
    retry.run();
    await expect.poll(() => lines.length).toBe(2);
    expect(lines[1]).toContain("(attempt 2,");
    const again = hand.next();
    expect(again.ms).toBe(renewalRetryMs(2));
    expect(again.ms).toBeGreaterThan(retry.ms);

    advance(again.ms);
    again.run();
    await expect.poll(() => lines.length).toBe(3);
    expect(lines[2]).toMatch(/^Renewed Zoho channel/);
    expect(readChannelState(store.settings)).toMatchObject({ kind: "active", lastRenewalError: null });
    expect(w.zoho.inspect.calls()["watch.update"]).toBe(3);
  });

  it("stops cleanly (timer cleared, a renewal in flight awaited) and removes both registrations", async () => {
    const { w, registration, keepAlive, hand, lines } = await setup();
    expect(w.jira.inspect.webhooks().filter((h) => h.kind === "admin")).toHaveLength(1);
    const timer = hand.next();
    timer.run(); // a renewal starts; stop must wait for it rather than race the removal
    await keepAlive.stop();
    expect(lines).toHaveLength(1);
    expect(hand.pending.filter((t) => t.state === "pending")).toHaveLength(0);

    const removals = await registration.remove();
    expect(removals.map((r) => [r.target, r.kind])).toEqual([
      ["zoho-channel", "removed"],
      ["jira-webhook", "removed"],
    ]);
    expect(w.zoho.inspect.channels()).toHaveLength(0);
    expect(w.jira.inspect.webhooks()).toHaveLength(0);
    expect(w.jira.inspect.calls()["adminWebhook.delete"]).toBe(1);
  });

  it("clears a pending renewal timer on stop", async () => {
    const { keepAlive, hand } = await setup();
    const timer = hand.next();
    await keepAlive.stop();
    expect(timer.state).toBe("cleared");
  });
});

describe("renewal timing (pure)", () => {
  it("renews at 90% of the remaining life, never negative, within setTimeout's range", () => {
    expect(renewalDelayMs(new Date(10 * HOUR), 0)).toBe(9 * HOUR);
    expect(renewalDelayMs(new Date(0), 5)).toBe(0);
    expect(renewalDelayMs(new Date(60 * 24 * HOUR), 0)).toBe(2 ** 31 - 1);
  });

  it("backs off from 30 s, doubling, up to 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(renewalRetryMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000,
    ]);
  });
});
