import { createTransport, defaultEndpointLabel, type RetryPolicy, type Transport } from "@kobik/transport";
import createClient, { type Client } from "openapi-fetch";
import { authorizedFetch } from "./auth/authorized-fetch.js";
import { createSession } from "./auth/session.js";
import { guard } from "./auth/token-endpoint.js";
import type { ZohoAuth } from "./auth/types.js";
import { ZOHO_DATA_CENTERS, type ZohoDataCenter } from "./data-centers.js";
import { zohoErrorFromResponse } from "./error-factory.js";
import { ZohoInputError, ZohoServerError } from "./errors.js";
import type { paths } from "./generated/zoho-crm.js";
import type { ZohoTrigger } from "./types.js";

/** Options of `createZohoCrmClient`. */
export interface ZohoCrmClientOptions {
  auth: ZohoAuth;
  /** Data center: picks the accounts server and the default API domain. */
  dc?: ZohoDataCenter;
  /** Accounts server override (sandbox, msw); defaults to the DC's. */
  accountsUrl?: string;
  /** API domain override; by default the `api_domain` of the token response, then the DC's. */
  apiDomain?: string;
  /** Defaults to `globalThis.fetch`, read at call time. */
  fetch?: (request: Request) => Promise<Response>;
  /** Requests in flight per client (so per org). Default 10; raise to the edition's limit (15-25). */
  concurrency?: number;
  /** Per-attempt timeout, ms. Default 30,000. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Host rate-limit policy on 429: return `false` to give up at once (e.g. near a Forge time limit). */
  onRateLimited?: (event: {
    endpoint: string;
    attempt: number;
    retryAfterMs: number | undefined;
  }) => boolean | Promise<boolean>;
  /** Workflow triggers sent with every write unless overridden per call. Default `[]`: none fire. */
  trigger?: readonly ZohoTrigger[];
  /** Uploads larger than this fail before any request. Default 20 MB (Zoho's v8 limit is unconfirmed). */
  attachmentMaxBytes?: number;
  /** Testing hooks: clock, sleep and randomness of the retry layer. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** A raw openapi-fetch result. */
export interface Raw<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** @internal What every API namespace is built from. */
export interface ZohoHttp {
  api: Client<paths>;
  transport: Transport;
  /** Runs one call: resolves the base URL, maps failures without a response to typed errors. */
  send<T>(run: (init: { baseUrl: string }) => Promise<Raw<T>>): Promise<Raw<T>>;
  /** Throws the typed error for a failed response. */
  fail(raw: Raw<unknown>): never;
  /** The data of a successful response; throws on failure, returns `undefined` on 204 and 304. */
  expect<T>(raw: Raw<T>): T | undefined;
  malformed(what: string, raw: Raw<unknown>): ZohoServerError;
  trigger: readonly ZohoTrigger[];
  attachmentMaxBytes: number;
  now: () => number;
}

// POSTs that only read, or that converge on repetition (upsert matches the record a lost attempt
// created): safe for the transport to repeat after a 5xx or a dropped connection.
const REPEATABLE_POST = /\/(upsert|search|coql)$/;

function isIdempotent(request: Request): boolean {
  if (request.method === "PATCH") return false;
  if (request.method !== "POST") return true;
  return REPEATABLE_POST.test(new URL(request.url).pathname);
}

/** @internal */
export function createZohoHttp(options: ZohoCrmClientOptions): ZohoHttp {
  const now = options.now ?? Date.now;
  const transport = createTransport({
    concurrency: options.concurrency ?? 10,
    isIdempotent,
    ...pick(options, ["fetch", "timeoutMs", "retry", "onRateLimited", "now", "sleep", "random"]),
  });
  const dc = options.dc === undefined ? undefined : ZOHO_DATA_CENTERS[options.dc];
  for (const key of ["apiDomain", "accountsUrl"] as const) {
    const url = options[key];
    if (url !== undefined && !/^https?:\/\/[^/]/.test(url))
      throw new ZohoInputError(key, "an absolute http(s) URL");
  }
  if (options.dc !== undefined && dc === undefined) throw new ZohoInputError("dc", "unknown data center");
  const accountsUrl = options.accountsUrl ?? dc?.accountsUrl;
  if (options.auth.kind === "app" && accountsUrl === undefined) {
    throw new ZohoInputError("dc", "app auth needs a data center (dc) or an accountsUrl");
  }
  if (options.auth.kind === "provider" && options.apiDomain === undefined && dc === undefined) {
    throw new ZohoInputError("dc", "provider auth needs a data center (dc) or an apiDomain");
  }
  const session = createSession(options.auth, {
    accounts: { accountsUrl: accountsUrl ?? "" },
    fetch: (r) => transport.fetch(r),
    now,
  });
  // Which request produced a response: its endpoint label is only worked out when an error needs it.
  const requests = new WeakMap<Response, Request>();
  const endpointOf = (response: Response) => {
    const request = requests.get(response);
    return request === undefined ? undefined : defaultEndpointLabel(request);
  };
  const api = createClient<paths>({ fetch: authorizedFetch(session, transport, requests) });

  async function baseUrl(): Promise<string> {
    const domain = options.apiDomain ?? (await session.apiDomain()) ?? dc?.apiDomain ?? "";
    return `${domain.replace(/\/+$/, "")}/crm/v8`;
  }

  const fail = (raw: Raw<unknown>): never => {
    throw zohoErrorFromResponse(raw.response, raw.error, {
      endpoint: endpointOf(raw.response),
      secrets: session.secrets(),
      now,
    });
  };

  return {
    api,
    transport,
    send: async (run) => guard(run({ baseUrl: await baseUrl() })),
    fail,
    expect: (raw) => {
      if (raw.response.status === 304) return undefined;
      if (!raw.response.ok) fail(raw);
      return raw.data;
    },
    malformed: (what, raw) =>
      new ZohoServerError(`unexpected response shape: ${what} (${endpointOf(raw.response) ?? "?"})`, {
        code: "MALFORMED_RESPONSE",
        status: raw.response.status,
      }),
    trigger: options.trigger ?? [],
    attachmentMaxBytes: options.attachmentMaxBytes ?? 20 * 1024 * 1024,
    now,
  };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}
