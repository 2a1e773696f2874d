import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The access token the bench server accepts. */
export const BENCH_TOKEN = "1000.bench-access-token";

const ORG_BODY = JSON.stringify({
  org: [
    {
      id: "4876876000000001001",
      company_name: "Bench Org",
      domain_name: "org584322100",
      primary_email: "admin@bench.test",
      time_zone: "Etc/UTC",
      currency: "US Dollar",
      iso_code: "USD",
      country_code: "US",
      type: "production",
      max_per_page: 200,
      license_details: { paid_type: "enterprise", paid: true, users_license_purchased: 20 },
    },
  ],
});

function record(n: number) {
  return {
    id: String(4876876000000327001n + BigInt(n)),
    Last_Name: `Lead ${n}`,
    First_Name: "Bench",
    Email: `lead${n}@bench.test`,
    Phone: "+49 30 1234567",
    Company: `Company ${n % 997}`,
    Lead_Status: "Contacted",
    Description: "A generated record of a realistic width for the memory benchmark.",
    Owner: { id: "4876876000000002001", name: "Bench Owner", email: "owner@bench.test" },
    Created_Time: "2026-11-01T08:30:00+00:00",
    Modified_Time: "2026-11-20T10:15:00+00:00",
  };
}

/** Renders one page of a `total`-record Leads module on the fly: nothing is held between requests. */
function leadsPage(url: URL, total: number): string {
  const perPage = Number(url.searchParams.get("per_page") ?? 200);
  const token = url.searchParams.get("page_token");
  const offset = token ? Number(token.slice(4)) : (Number(url.searchParams.get("page") ?? 1) - 1) * perPage;
  const count = Math.max(0, Math.min(perPage, total - offset));
  const data = Array.from({ length: count }, (_, i) => record(offset + i));
  const next = offset + count;
  return JSON.stringify({
    data,
    info: { per_page: perPage, count, more_records: next < total, next_page_token: `next${next}` },
  });
}

/** A local Zoho-shaped server: `/crm/v8/org` and a generated `/crm/v8/Leads` of `total` records. */
export async function startBenchServer(total: number): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.headers.authorization !== `Zoho-oauthtoken ${BENCH_TOKEN}`) {
      res
        .writeHead(401, { "Content-Type": "application/json" })
        .end('{"code":"INVALID_TOKEN","status":"error"}');
      return;
    }
    const body =
      url.pathname === "/crm/v8/org"
        ? ORG_BODY
        : url.pathname === "/crm/v8/Leads"
          ? leadsPage(url, total)
          : undefined;
    if (body === undefined) {
      res
        .writeHead(404, { "Content-Type": "application/json" })
        .end('{"code":"INVALID_URL_PATTERN","status":"error"}');
      return;
    }
    res.writeHead(200, { "Content-Type": "application/json;charset=UTF-8" }).end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
