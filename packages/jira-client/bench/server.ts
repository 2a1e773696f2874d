import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Total issues the local search serves, and per page. */
export const SEARCH_TOTAL = 50_000;
export const PAGE_SIZE = 100;

function issue(n: number) {
  const id = String(10_000 + n);
  return {
    id,
    key: `BEN-${n}`,
    self: `http://127.0.0.1/rest/api/3/issue/${id}`,
    expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
    fields: {
      summary: `Benchmark issue ${n} with a realistic summary length for a CRM deal`,
      updated: "2026-05-01T09:30:00.000+0000",
      created: "2026-04-01T08:00:00.000+0000",
      status: {
        self: "http://127.0.0.1/rest/api/3/status/3",
        id: "3",
        name: "In Progress",
        description: "",
        iconUrl: "http://127.0.0.1/images/icons/statuses/inprogress.png",
        statusCategory: {
          self: "http://127.0.0.1/rest/api/3/statuscategory/4",
          id: 4,
          key: "indeterminate",
          colorName: "yellow",
          name: "In Progress",
        },
      },
      labels: ["crm", "zoho"],
      customfield_10010: `4876876000000${String(n).padStart(6, "0")}`,
    },
  };
}

/** Jira's answer to a bulk create: one created issue per element, in order. */
function bulkCreated(body: string) {
  const { issueUpdates } = JSON.parse(body) as { issueUpdates: unknown[] };
  const issues = issueUpdates.map((_, i) => {
    const id = String(20_000 + i);
    return { id, key: `BEN-${id}`, self: `http://127.0.0.1/rest/api/3/issue/${id}` };
  });
  return { issues, errors: [] };
}

/**
 * Jira-shaped answers for `GET /issue/{key}`, `POST /issue/bulk` and `POST /search/jql` (token =
 * next offset).
 */
function handle(method: string, url: URL, body: string): { status: number; json: unknown } {
  if (method === "POST" && url.pathname === "/rest/api/3/issue/bulk")
    return { status: 201, json: bulkCreated(body) };
  if (method === "GET" && url.pathname.startsWith("/rest/api/3/issue/"))
    return { status: 200, json: issue(1) };
  if (method === "POST" && url.pathname === "/rest/api/3/search/jql") {
    const { nextPageToken } = JSON.parse(body || "{}") as { nextPageToken?: string };
    const start = nextPageToken ? Number(nextPageToken) : 0;
    const end = Math.min(SEARCH_TOTAL, start + PAGE_SIZE);
    const issues = Array.from({ length: end - start }, (_, i) => issue(start + i));
    return {
      status: 200,
      json: end < SEARCH_TOTAL ? { issues, nextPageToken: String(end) } : { issues, isLast: true },
    };
  }
  return { status: 404, json: { errorMessages: ["not found"], errors: {} } };
}

/** Starts the local server on a free loopback port. */
export async function startServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      const { status, json } = handle(req.method ?? "GET", new URL(req.url ?? "/", "http://x"), body);
      const text = JSON.stringify(json);
      res.writeHead(status, {
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}
