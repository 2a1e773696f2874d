import type { HttpHandler } from "msw";
import { createCallCounter } from "../core/calls.js";
import { type ClockMode, createClock, type SimulatorClock } from "../core/clock.js";
import { createDeliveryQueue, type DeliveryOptions } from "../core/delivery.js";
import { createFaultController, type FaultController, type FaultPlan } from "../core/faults.js";
import { mount, type ServeMode } from "../core/mount.js";
import { createPipeline, type Located } from "../core/pipeline.js";
import { createRandom } from "../core/random.js";
import { parseOffset } from "../zoho/time.js";
import type { JiraCtx } from "./context.js";
import { jiraError } from "./errors.js";
import { type JiraInspector, jiraInspector } from "./inspect.js";
import { createJiraPerson, type JiraPerson } from "./person.js";
import { jiraRoutes } from "./routes.js";
import { seedIssues } from "./seed.js";
import {
  DEFAULT_ISSUE_TYPES,
  DEFAULT_JIRA_USERS,
  DEFAULT_STATUSES,
  DEFAULT_TRANSITIONS,
  defaultFields,
} from "./site.js";
import type { JiraField, JiraState, JiraStatus, JiraTransition, JiraUser } from "./state.js";

/** Seeded Jira credentials: basic auth for the admin user. */
export const JIRA_SANDBOX_CREDENTIALS = {
  email: DEFAULT_JIRA_USERS[0]!.email,
  apiToken: DEFAULT_JIRA_USERS[0]!.apiToken,
} as const;
/** Secret that signs dynamic-webhook deliveries unless `webhookSecret` is given. */
export const JIRA_SANDBOX_WEBHOOK_SECRET = "kobik-sandbox-webhook-secret";

/** Options of `createJiraSimulator`. Everything has a default. */
export interface JiraSimulatorOptions {
  seed?: number;
  clock?: SimulatorClock | ClockMode;
  serve?: ServeMode;
  /** Site name: msw answers for `https://<site>.atlassian.net`. Default `kobik-sandbox`. */
  site?: string;
  /** Cloud id for `https://api.atlassian.com/ex/jira/<cloudId>` (3LO base URL). */
  cloudId?: string;
  /** Site time zone offset, e.g. `+05:30`. Default `+00:00` (rendered `+0000`). */
  timeZoneOffset?: string;
  users?: JiraUser[];
  /** Projects by key and name; each gets every issue type. Default KOB and OPS. */
  projects?: { key: string; name: string }[];
  /** Workflow: statuses (first is initial) and transitions. */
  workflow?: { statuses: JiraStatus[]; transitions: JiraTransition[] };
  customFields?: JiraField[];
  /** Issues to generate per project. Default 0. */
  issuesPerProject?: number;
  /** Site attachment limit in bytes (`/attachment/meta`). Default 10 MB. */
  uploadLimit?: number;
  /** Eventual consistency: writes reach search after this lag unless in `reconcileIssues`. Default 0. */
  searchLagMs?: number;
  /** Requests served at once before 429 (burst limit stand-in). Default 100. */
  concurrencyLimit?: number;
  webhookSecret?: string;
  faults?: FaultPlan;
  deliveries?: DeliveryOptions;
}

/** A running Jira Cloud simulator. */
export interface JiraSimulator {
  readonly url: string | undefined;
  /** `https://<site>.atlassian.net`: the base msw answers for. */
  readonly siteUrl: string;
  readonly handlers: HttpHandler[];
  readonly clock: SimulatorClock;
  readonly faults: FaultController & { revokeApiToken(email: string): void };
  readonly person: JiraPerson;
  readonly inspect: JiraInspector;
  /** Issues an OAuth 2.0 style bearer token for a user with the given scopes. */
  issueBearerToken(options: { accountId?: string; scopes: readonly string[]; lifetimeMs?: number }): string;
  /** `Authorization` header value for basic auth of a user (the admin by default). */
  basicAuth(email?: string): string;
  seed(projectKey: string, count: number): void;
  idle(): Promise<void>;
  close(): Promise<void>;
}

function createState(options: JiraSimulatorOptions, clock: SimulatorClock, siteUrl: string): JiraState {
  let id = 10_000;
  const projects = options.projects ?? [
    { key: "KOB", name: "Kobik Sync" },
    { key: "OPS", name: "Operations Ünïcode" },
  ];
  const workflow = options.workflow ?? {
    statuses: [...DEFAULT_STATUSES],
    transitions: [...DEFAULT_TRANSITIONS],
  };
  return {
    clock,
    random: createRandom((options.seed ?? 1) * 104_729 + 3),
    offsetMinutes: parseOffset(options.timeZoneOffset ?? "+00:00"),
    users: (options.users ?? DEFAULT_JIRA_USERS).map((u) => ({ ...u })),
    bearers: new Map(),
    projects: projects.map((p, i) => ({
      id: String(10_000 + i),
      key: p.key,
      name: p.name,
      issueTypeIds: DEFAULT_ISSUE_TYPES.map((t) => t.id),
      counter: 0,
    })),
    issueTypes: [...DEFAULT_ISSUE_TYPES],
    statuses: workflow.statuses,
    transitions: workflow.transitions,
    fields: new Map(defaultFields(options.customFields).map((f) => [f.id, f])),
    priorities: ["Highest", "High", "Medium", "Low", "Lowest"],
    issues: new Map(),
    keys: new Map(),
    attachments: new Map(),
    webhooks: new Map(),
    deliveries: createDeliveryQueue(options.deliveries),
    webhookSecret: options.webhookSecret ?? JIRA_SANDBOX_WEBHOOK_SECRET,
    uploadLimit: options.uploadLimit ?? 10 * 1024 * 1024,
    searchLagMs: options.searchLagMs ?? 0,
    concurrencyLimit: options.concurrencyLimit ?? 100,
    inFlight: 0,
    nextId: () => String(++id),
    nextWebhookId: 1,
    baseUrl: siteUrl,
  };
}

function locator(state: JiraState, origin: { url: string | undefined }, siteUrl: string, cloudId: string) {
  const exPrefix = `/ex/jira/${cloudId}`;
  return (url: URL): Located<JiraCtx> | undefined => {
    if (origin.url !== undefined && url.origin === origin.url)
      return { path: url.pathname, context: { state, base: origin.url } };
    if (url.origin === siteUrl) return { path: url.pathname, context: { state, base: siteUrl } };
    if (url.origin === "https://api.atlassian.com" && url.pathname.startsWith(exPrefix)) {
      return {
        path: url.pathname.slice(exPrefix.length),
        context: { state, base: `https://api.atlassian.com${exPrefix}` },
      };
    }
    return undefined;
  };
}

/**
 * Starts a Jira Cloud simulator.
 *
 * @example
 * const jira = await createJiraSimulator({ issuesPerProject: 20 });
 * const res = await fetch(`${jira.url}/rest/api/3/search/jql?jql=project=KOB`, { headers: { authorization: jira.basicAuth() } });
 * await jira.close();
 */
export async function createJiraSimulator(options: JiraSimulatorOptions = {}): Promise<JiraSimulator> {
  const clock =
    options.clock === undefined || "kind" in options.clock
      ? createClock(options.clock as ClockMode | undefined)
      : options.clock;
  const siteUrl = `https://${options.site ?? "kobik-sandbox"}.atlassian.net`;
  const state = createState(options, clock, siteUrl);
  const seedRandom = createRandom(options.seed ?? 1);
  for (const project of state.projects) seedIssues(state, project, options.issuesPerProject ?? 0, seedRandom);
  const calls = createCallCounter();
  const faults = createFaultController(options.faults);
  const origin: { url: string | undefined } = { url: undefined };
  const pipeline = createPipeline<JiraCtx>({
    routes: jiraRoutes,
    locate: locator(state, origin, siteUrl, options.cloudId ?? "11111111-2222-4333-8444-555555555555"),
    notFound: () => jiraError(404, ["null for uri: the requested resource was not found."]),
    methodNotAllowed: () => jiraError(405, ["Method not allowed."]),
    faultResponse: (fault) =>
      fault.kind === "rateLimited"
        ? jiraError(
            429,
            ["Rate limit exceeded."],
            {},
            { "retry-after": "2", "ratelimit-reason": "jira-burst-based" },
          )
        : jiraError(fault.status, ["Internal server error."]),
    admit: () => {
      if (state.inFlight >= state.concurrencyLimit)
        return jiraError(
          429,
          ["Rate limit exceeded."],
          {},
          { "retry-after": "1", "ratelimit-reason": "jira-burst-based" },
        );
      state.inFlight += 1;
      return () => {
        state.inFlight -= 1;
      };
    },
    faults,
    calls,
  });
  const mounted = await mount(pipeline, options.serve ?? { kind: "loopback" }, state.deliveries, (url) => {
    origin.url = url;
    state.baseUrl = url;
  });
  return {
    url: mounted.url,
    siteUrl,
    handlers: mounted.handlers,
    clock,
    faults: Object.assign(faults, {
      revokeApiToken: (email: string) => {
        for (const u of state.users) if (u.email === email) u.apiToken = `revoked-${state.random.hex(16)}`;
      },
    }),
    person: createJiraPerson(state),
    inspect: jiraInspector(state, calls, pipeline),
    issueBearerToken: ({ accountId, scopes, lifetimeMs }) => {
      const token = `eyJsandbox.${state.random.hex(48)}`;
      state.bearers.set(token, {
        token,
        accountId: accountId ?? state.users[0]!.accountId,
        scopes: [...scopes],
        expiresAt: clock.now() + (lifetimeMs ?? 3600_000),
      });
      return `${token}`;
    },
    basicAuth: (email) => {
      const user = email === undefined ? state.users[0] : state.users.find((u) => u.email === email);
      if (user === undefined) throw new TypeError(`basicAuth: no user with email ${String(email)}`);
      return `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString("base64")}`;
    },
    seed: (projectKey, count) => {
      const project = state.projects.find((p) => p.key === projectKey);
      if (project === undefined) throw new TypeError(`seed: unknown project "${projectKey}"`);
      seedIssues(state, project, count, createRandom((options.seed ?? 1) + project.counter));
    },
    idle: () => state.deliveries.idle(),
    close: () => mounted.close(),
  };
}
