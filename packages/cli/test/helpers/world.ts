import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import {
  createJiraSimulator,
  createZohoCrmSimulator,
  JIRA_SANDBOX_CREDENTIALS,
  type JiraSimulator,
  ZOHO_FULL_SCOPES,
  ZOHO_SANDBOX_CLIENT,
  type ZohoCrmSimulator,
} from "@kobik/sandbox";
import { kobik, tempDir } from "./kobik.js";

/** A fixed workspace key, so tests can open the child's database themselves. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

/** Deals two-way with auto-create only: the fewest moving parts for the process-level tests. */
export const AUTO_DEALS_YAML = `id: deals
name: Deals
mode: two-way
jira: { projectKey: KOB, issueType: Task }
crm: { module: Deals }
fieldMappings:
  - { crmField: Deal_Name, jiraField: summary, direction: crm-to-jira }
  - { crmField: Description, jiraField: description, direction: both }
  - { crmField: Amount, jiraField: customfield_10052, direction: both }
features: { autoCreate: true }
`;

/** Both simulators in this process, and a workspace connected to them by real `kobik` processes. */
export interface ProcessWorld {
  readonly zoho: ZohoCrmSimulator;
  readonly jira: JiraSimulator;
  readonly dir: string;
  readonly env: Record<string, string>;
  run(...args: string[]): ReturnType<typeof kobik>;
  close(): Promise<void>;
}

/** Starts the world; `jiraBaseUrl` lets a test put a proxy in front of the Jira simulator. */
export async function startProcessWorld(options: {
  deals: number;
  jiraBaseUrl?: (jiraUrl: string) => Promise<string>;
  zoho?: { concurrencyLimit?: number };
}): Promise<ProcessWorld> {
  const zoho = await createZohoCrmSimulator({ seed: 3, records: { Deals: options.deals }, ...options.zoho });
  const jira = await createJiraSimulator({ seed: 3 });
  const { dir, cleanup } = tempDir();
  const env = { KOBIK_SECRET_KEY: TEST_SECRET_KEY };
  const run = (...args: string[]) => kobik(args, { cwd: dir, env });
  const ok = async (...args: string[]) => {
    const r = await run(...args);
    if (r.code !== 0) throw new Error(`kobik ${args[0]} ${args[1] ?? ""} exited ${r.code}: ${r.stderr}`);
    return r;
  };
  await ok("init");
  const code = zoho.mintGrantCode({ scopes: ZOHO_FULL_SCOPES });
  await ok(
    "connect",
    "zoho",
    "--client-id",
    ZOHO_SANDBOX_CLIENT.clientId,
    "--client-secret",
    ZOHO_SANDBOX_CLIENT.clientSecret,
    "--grant-code",
    code,
    "--accounts-url",
    zoho.accountsUrl(),
  );
  const base = options.jiraBaseUrl ? await options.jiraBaseUrl(jira.url!) : jira.url!;
  await ok(
    "connect",
    "jira",
    "--site",
    jira.siteUrl,
    "--email",
    JIRA_SANDBOX_CREDENTIALS.email,
    "--api-token",
    JIRA_SANDBOX_CREDENTIALS.apiToken,
    "--base-url",
    base,
  );
  writeFileSync(join(dir, "deals.yaml"), AUTO_DEALS_YAML);
  await ok("items", "add", "deals.yaml");
  return {
    zoho,
    jira,
    dir,
    env,
    run,
    async close() {
      await Promise.all([zoho.close(), jira.close()]);
      cleanup();
    },
  };
}

/** KOB issue keys in the Jira simulator. */
export function kobIssues(world: ProcessWorld): string[] {
  return world.jira.inspect.issueKeys().filter((k) => k.startsWith("KOB-"));
}

/**
 * A pass-through HTTP proxy in front of `target`. `intercept` sees each upstream response first and
 * may swallow it (return true), e.g. to kill the client before it learns what the server did.
 */
export async function startProxy(
  target: string,
  intercept: (method: string, path: string) => boolean,
): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host" && k !== "connection") headers.set(k, v);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      ...(body ? { body } : {}),
    });
    const payload = Buffer.from(await upstream.arrayBuffer());
    if (intercept(req.method ?? "GET", new URL(req.url ?? "/", target).pathname)) return;
    const out: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (!["content-encoding", "transfer-encoding", "content-length", "connection"].includes(k)) out[k] = v;
    });
    res.writeHead(upstream.status, out).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`, server };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Waits until `condition` holds; the deadline only stops a hung test, it asserts no speed. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  what: string,
  deadlineMs = 60_000,
): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
