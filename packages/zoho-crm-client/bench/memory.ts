import { createZohoCrmClient, memoryTokenStore } from "@kobik/zoho-crm-client";
import { BENCH_TOKEN } from "./server.js";

// A full GC before each sample (the child runs with --expose-gc), so samples show retained memory.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const MB = 1024 * 1024;

/** Memory after a full GC: live JS objects, what V8 holds for its heap, memory outside it, the process. */
export type Sample = {
  records: number;
  heapMb: number;
  heapTotalMb: number;
  externalMb: number;
  rssMb: number;
};

/** Takes one sample after a full GC. */
export function sampleNow(records: number): Sample {
  gc();
  const { heapUsed, heapTotal, external, rss } = process.memoryUsage();
  return {
    records,
    heapMb: heapUsed / MB,
    heapTotalMb: heapTotal / MB,
    externalMb: external / MB,
    rssMb: rss / MB,
  };
}

function sampler(samples: Sample[]) {
  return (records: number) => {
    samples.push(sampleNow(records));
  };
}

/** The same walk with bare fetch (page, then page_token past 2,000 rows): the runtime's own baseline. */
export async function measureBareIteration(baseUrl: string, every: number) {
  const samples: Sample[] = [];
  const sample = sampler(samples);
  let records = 0;
  let pages = 0;
  let query = "page=1";
  sample(0);
  while (true) {
    const res = await fetch(`${baseUrl}/crm/v8/Leads?fields=Last_Name,Email,Company&per_page=200&${query}`, {
      headers: { Authorization: `Zoho-oauthtoken ${BENCH_TOKEN}` },
    });
    const body = (await res.json()) as {
      data: unknown[];
      info: { more_records: boolean; next_page_token: string };
    };
    records += body.data.length;
    if (++pages % every === 0) sample(records);
    if (!body.info.more_records) break;
    query = records < 2000 ? `page=${pages + 1}` : `page_token=${body.info.next_page_token}`;
  }
  sample(records);
  return { records, pages, samples };
}

/** Streams every record through `records.iterate`, sampling heap and RSS every `every` pages. */
export async function measureIteration(baseUrl: string, every: number) {
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
  const samples: Sample[] = [];
  const sample = sampler(samples);
  let records = 0;
  let pages = 0;
  sample(0);
  for await (const page of client.records.iterate({
    module: "Leads",
    fields: ["Last_Name", "Email", "Company"],
  })) {
    records += page.items.length;
    if (++pages % every === 0) sample(records);
  }
  sample(records);
  return { records, pages, samples };
}
