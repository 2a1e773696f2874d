import { createTransport } from "@kobik/transport";
import { createZohoCrmClient, memoryTokenStore } from "@kobik/zoho-crm-client";
import { BENCH_TOKEN } from "./server.js";

/** Mean microseconds per call of `run` over `perBlock` sequential calls. */
export async function timeCalls(run: () => Promise<unknown>, perBlock: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < perBlock; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1000 / perBlock;
}

/**
 * Sequential GET /org: our client against bare fetch + JSON parse, in many short interleaved blocks
 * whose median is reported, so load from other processes on a shared machine hits all alike.
 */
export async function measureOverhead(
  baseUrl: string,
  options: { warmup: number; perBlock: number; rounds: number },
) {
  const client = createZohoCrmClient({
    apiDomain: baseUrl,
    accountsUrl: baseUrl,
    auth: {
      kind: "app",
      clientId: "bench",
      clientSecret: "bench-secret",
      tokenStore: memoryTokenStore({
        accessToken: BENCH_TOKEN,
        apiDomain: baseUrl,
        expiresAt: Date.now() + 3_600_000,
      }),
    },
  });
  const bare = async () => {
    const res = await fetch(`${baseUrl}/crm/v8/org`, {
      headers: { Authorization: `Zoho-oauthtoken ${BENCH_TOKEN}` },
    });
    if (!res.ok) throw new Error(`bare fetch: HTTP ${res.status}`);
    return ((await res.json()) as { org: unknown[] }).org[0];
  };
  const ours = () => client.org.get();
  // The shared transport alone (queue, retry wrapper, per-attempt clone and timeout signal), to show
  // how much of the overhead is below this package.
  const transport = createTransport();
  const viaTransport = async () => {
    const request = new Request(`${baseUrl}/crm/v8/org`, {
      headers: { Authorization: `Zoho-oauthtoken ${BENCH_TOKEN}` },
    });
    return ((await (await transport.fetch(request)).json()) as { org: unknown[] }).org[0];
  };
  const variants = [bare, viaTransport, ours];
  for (const run of variants) await timeCalls(run, options.warmup);
  const times: number[][] = variants.map(() => []);
  // The order rotates every round, so garbage one variant leaves behind is collected during each
  // of the others equally often.
  for (let r = 0; r < options.rounds; r++) {
    for (let k = 0; k < variants.length; k++) {
      const i = (r + k) % variants.length;
      times[i]!.push(await timeCalls(variants[i]!, options.perBlock));
    }
  }
  const [bareTimes, transportTimes, clientTimes] = times as [number[], number[], number[]];
  // Each round's ratio compares blocks run seconds apart, so load that comes and goes between
  // rounds cancels out; the median of those ratios is the figure, the quartiles its spread.
  const clientRatios = clientTimes.map((t, r) => t / bareTimes[r]!);
  const transportRatios = transportTimes.map((t, r) => t / bareTimes[r]!);
  return {
    bareUs: median(bareTimes),
    transportUs: median(transportTimes),
    clientUs: median(clientTimes),
    clientRatio: quartiles(clientRatios),
    transportRatio: quartiles(transportRatios),
    calls: client.calls.total(),
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  return quartiles(values).median;
}

/** Lower quartile, median and upper quartile of a non-empty list. */
export function quartiles(values: readonly number[]): { q1: number; median: number; q3: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (pos - lo);
  };
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}
