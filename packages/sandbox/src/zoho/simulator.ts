import type { HttpHandler } from "msw";
import { type CallCounter, createCallCounter } from "../core/calls.js";
import { type ClockMode, createClock, type SimulatorClock } from "../core/clock.js";
import { createDeliveryQueue, type DeliveryOptions, type DeliveryRecord } from "../core/delivery.js";
import { createFaultController, type FaultController, type FaultPlan } from "../core/faults.js";
import { mount, type ServeMode } from "../core/mount.js";
import { createPipeline, type Located } from "../core/pipeline.js";
import { createRandom } from "../core/random.js";
import type { ZohoCtx } from "./context.js";
import { dcForHost, isZohoDc, ZOHO_DATA_CENTERS, type ZohoDc } from "./dc.js";
import { zohoError } from "./errors.js";
import { type ZohoInspector, zohoInspector } from "./inspect.js";
import { expireAccessTokens, type GrantCodeOptions, mintGrantCode, revokeAllTokens } from "./oauth.js";
import { createOAuthState, type ZohoOAuthClient } from "./oauth-state.js";
import { createZohoPerson, type ZohoPerson } from "./person.js";
import { zohoRoutes } from "./routes.js";
import { defaultModules, type ZohoFieldSpec } from "./schema.js";
import { seedModule, seedOrder, seedUsers } from "./seed.js";
import { EDITION_CONCURRENCY, idMinter, moduleStores, type ZohoEdition, type ZohoState } from "./state.js";
import { parseOffset } from "./time.js";

/** The seeded OAuth client every simulator registers unless told otherwise. */
export const ZOHO_SANDBOX_CLIENT: Readonly<Required<Pick<ZohoOAuthClient, "clientId" | "clientSecret">>> = {
  clientId: "1000.KOBIKSANDBOX0CLIENT0000000000",
  clientSecret: "kobik-sandbox-zoho-client-secret-0000000000",
};

/** Every scope the Kobik Sync product asks for: handy for `mintGrantCode`. */
export const ZOHO_FULL_SCOPES: readonly string[] = [
  "ZohoCRM.modules.ALL",
  "ZohoCRM.settings.ALL",
  "ZohoCRM.org.READ",
  "ZohoCRM.users.ALL",
  "ZohoCRM.notifications.ALL",
  "ZohoSearch.securesearch.READ",
  "ZohoCRM.modules.notes.ALL",
  "ZohoCRM.modules.attachments.ALL",
];

/** Options of `createZohoCrmSimulator`. Everything has a default. */
export interface ZohoSimulatorOptions {
  /** Seed of every generated value and token. Default 1. */
  seed?: number;
  /** A clock to share with another simulator, or a mode. Default: system time. */
  clock?: SimulatorClock | ClockMode;
  /** How to serve. Default: loopback on a random port. */
  serve?: ServeMode;
  /** DC of the loopback root URL (other DCs under `/dc/{dc}`). Default `us`. */
  dc?: ZohoDc;
  /** Org time zone: name for `/org`, offset for every rendered time. Default Etc/UTC, `+00:00`. */
  timeZone?: { name: string; offset: string };
  /** Edition: sets the concurrency limit. Default `enterprise` (20). */
  edition?: ZohoEdition;
  /** Overrides the edition's concurrency limit. */
  concurrencyLimit?: number;
  /** Access-token lifetime. Default one hour. */
  accessTokenLifetimeMs?: number;
  /** OAuth clients. Default `[ZOHO_SANDBOX_CLIENT]`. */
  clients?: ZohoOAuthClient[];
  /** Records to generate per module (a number applies to all 19 modules). Default 0. */
  records?: number | Partial<Record<string, number>>;
  /** Extra custom fields per module, e.g. a unique `Jira_Key`. */
  customFields?: Record<string, readonly ZohoFieldSpec[]>;
  /** Largest attachment accepted. Default 20 MB (unconfirmed for v8). */
  attachmentLimitBytes?: number;
  faults?: FaultPlan;
  /** Notification delivery: fetch, queue capacity, concurrency. */
  deliveries?: DeliveryOptions;
}

/** A running Zoho CRM simulator. */
export interface ZohoCrmSimulator {
  /** Loopback base URL (accounts and API on one origin), or `undefined` in msw-only mode. */
  readonly url: string | undefined;
  /** msw handlers answering for the real Zoho hosts of all nine DCs (and the loopback origin). */
  readonly handlers: HttpHandler[];
  readonly clock: SimulatorClock;
  readonly faults: FaultController & { revokeTokens(): void; expireAccessTokens(): void };
  readonly person: ZohoPerson;
  readonly inspect: ZohoInspector;
  /** The accounts base URL for a DC: loopback when served, else the real accounts host. */
  accountsUrl(dc?: ZohoDc): string;
  /** Mints a self-client grant code. */
  mintGrantCode(options: GrantCodeOptions): string;
  /** Generates `count` more records in a module. */
  seed(module: string, count: number): void;
  /** Resolves when every queued notification has been attempted. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function createState(options: ZohoSimulatorOptions, clock: SimulatorClock): ZohoState {
  const tz = options.timeZone ?? { name: "Etc/UTC", offset: "+00:00" };
  const edition = options.edition ?? "enterprise";
  const seed = options.seed ?? 1;
  const nextId = idMinter();
  const specs = defaultModules(options.customFields);
  return {
    clock,
    random: createRandom(seed * 7919 + 17),
    offsetMinutes: parseOffset(tz.offset),
    timeZoneName: tz.name,
    edition,
    orgId: "584322100",
    companyName: "Kobik Sandbox Org",
    users: seedUsers({ clock, nextId }),
    modules: moduleStores(specs),
    notes: new Map(),
    attachments: new Map(),
    channels: new Map(),
    workflowRuns: [],
    oauth: createOAuthState(
      options.clients ?? [{ ...ZOHO_SANDBOX_CLIENT }],
      options.accessTokenLifetimeMs ?? 3600_000,
    ),
    deliveries: createDeliveryQueue(options.deliveries),
    attachmentLimitBytes: options.attachmentLimitBytes ?? 20 * 1024 * 1024,
    concurrencyLimit: options.concurrencyLimit ?? EDITION_CONCURRENCY[edition],
    inFlightApi: 0,
    nextId,
    defaultDc: options.dc ?? "us",
  };
}

function seedAll(state: ZohoState, records: ZohoSimulatorOptions["records"], seed: number): void {
  if (records === undefined) return;
  const random = createRandom(seed);
  for (const spec of seedOrder([...state.modules.values()].map((s) => s.spec))) {
    const count = typeof records === "number" ? records : (records[spec.api_name] ?? 0);
    if (count > 0) seedModule(state, state.modules.get(spec.api_name)!, count, random);
  }
}

function locator(state: ZohoState, origin: { url: string | undefined }) {
  return (url: URL): Located<ZohoCtx> | undefined => {
    if (origin.url !== undefined && url.origin === origin.url) {
      const m = /^\/dc\/([a-z]{2})(\/.*)$/.exec(url.pathname);
      const dc = m !== null && isZohoDc(m[1]!) ? m[1] : state.defaultDc;
      const prefix = m !== null && isZohoDc(m[1]!) ? `/dc/${dc}` : "";
      return {
        path: prefix === "" ? url.pathname : m![2]!,
        context: { state, dc, area: "both", apiDomain: `${origin.url}${prefix}` },
      };
    }
    const host = url.protocol === "https:" ? dcForHost(url.hostname) : undefined;
    if (host === undefined) return undefined;
    const isOauth = url.pathname.startsWith("/oauth/");
    // The accounts host serves only OAuth; the API host only the CRM API.
    const path = (host.area === "accounts") === isOauth ? url.pathname : `/wrong-host${url.pathname}`;
    return {
      path,
      context: {
        state,
        dc: host.dc,
        area: host.area,
        apiDomain: `https://${ZOHO_DATA_CENTERS[host.dc].api}`,
      },
    };
  };
}

/**
 * Starts a Zoho CRM simulator.
 *
 * @example
 * const zoho = await createZohoCrmSimulator({ records: 50 });
 * const code = zoho.mintGrantCode({ scopes: ZOHO_FULL_SCOPES });
 * // exchange at `${zoho.url}/oauth/v2/token`, then call `${api_domain}/crm/v8/Leads?fields=Last_Name`
 * await zoho.close();
 */
export async function createZohoCrmSimulator(options: ZohoSimulatorOptions = {}): Promise<ZohoCrmSimulator> {
  const clock =
    options.clock === undefined || "kind" in options.clock
      ? createClock(options.clock as ClockMode | undefined)
      : options.clock;
  const state = createState(options, clock);
  seedAll(state, options.records, options.seed ?? 1);
  const calls: CallCounter = createCallCounter();
  const faults = createFaultController(options.faults);
  const origin: { url: string | undefined } = { url: undefined };
  const pipeline = createPipeline<ZohoCtx>({
    routes: zohoRoutes,
    locate: locator(state, origin),
    notFound: () =>
      zohoError(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"),
    methodNotAllowed: () =>
      zohoError(405, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one"),
    faultResponse: (fault) =>
      fault.kind === "rateLimited"
        ? zohoError(429, "TOO_MANY_REQUESTS", "The number of requests has exceeded the allowed limit")
        : zohoError(fault.status, "INTERNAL_ERROR", "Internal Server Error"),
    admit: (ctx, route) => admit(ctx.state, route),
    faults,
    calls,
  });
  const mounted = await mount(pipeline, options.serve ?? { kind: "loopback" }, state.deliveries, (url) => {
    origin.url = url;
  });
  return {
    url: mounted.url,
    handlers: mounted.handlers,
    clock,
    faults: Object.assign(faults, {
      revokeTokens: () => revokeAllTokens(state),
      expireAccessTokens: () => expireAccessTokens(state),
    }),
    person: createZohoPerson(state),
    inspect: zohoInspector(state, calls, pipeline),
    accountsUrl: (dc = state.defaultDc) => {
      if (mounted.url === undefined) return `https://${ZOHO_DATA_CENTERS[dc].accounts}`;
      return dc === state.defaultDc ? mounted.url : `${mounted.url}/dc/${dc}`;
    },
    mintGrantCode: (grant) => mintGrantCode(state, grant),
    seed: (module, count) => {
      const store = state.modules.get(module);
      if (store === undefined) throw new TypeError(`seed: unknown module "${module}"`);
      seedModule(state, store, count, createRandom((options.seed ?? 1) + store.ids.length));
    },
    idle: () => state.deliveries.idle(),
    close: () => mounted.close(),
  };
}

/** Concurrency limit per org: API calls only (the accounts server is not counted). No Retry-After. */
function admit(state: ZohoState, route: string): (() => void) | Response {
  if (route.startsWith("oauth.")) return () => undefined;
  if (state.inFlightApi >= state.concurrencyLimit) {
    return zohoError(
      429,
      "TOO_MANY_REQUESTS",
      "The number of concurrent requests has exceeded the allowed limit",
      { limit: state.concurrencyLimit },
    );
  }
  state.inFlightApi += 1;
  return () => {
    state.inFlightApi -= 1;
  };
}

export type { DeliveryRecord };
