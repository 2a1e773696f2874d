import {
  createZohoCrmClient,
  memoryTokenStore,
  type StoredToken,
  type ZohoCrmClientOptions,
} from "@kobik/zoho-crm-client";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const ACCOUNTS = "https://accounts.zoho.test";
export const API = "https://www.zohoapis.test";
export const CRM = `${API}/crm/v8`;
export const NOW = Date.parse("2026-11-22T10:00:00Z");
export const CLIENT_SECRET = "client-secret-value-123";
export const REFRESH_TOKEN = "1000.refresh-token-value.abc";

/** One msw server per test file, failing on any request no handler expects (msw 3 names it onUnhandledFrame). */
export function useServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A stored token valid for an hour from {@link NOW}. */
export function validToken(overrides: Partial<StoredToken> = {}): StoredToken {
  return {
    accessToken: "1000.access-token-one",
    refreshToken: REFRESH_TOKEN,
    apiDomain: API,
    expiresAt: NOW + 3_600_000,
    ...overrides,
  };
}

/** A client on app auth whose retry waits are recorded instead of slept. */
export function testClient(
  extra: Partial<ZohoCrmClientOptions> = {},
  token: StoredToken | null = validToken(),
) {
  const waits: number[] = [];
  const tokenStore = memoryTokenStore(token ?? undefined);
  const client = createZohoCrmClient({
    auth: { kind: "app", clientId: "1000.CLIENTID", clientSecret: CLIENT_SECRET, tokenStore },
    accountsUrl: ACCOUNTS,
    now: () => NOW,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { client, waits, tokenStore };
}

/** A token endpoint that counts refreshes and issues `1000.access-token-<n>`. */
export function tokenEndpoint(
  server: ReturnType<typeof setupServer>,
  reply?: (form: URLSearchParams) => unknown,
) {
  const forms: URLSearchParams[] = [];
  server.use(
    http.post(`${ACCOUNTS}/oauth/v2/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      forms.push(form);
      const body = reply?.(form) ?? {
        access_token: `1000.access-token-${forms.length + 1}`,
        api_domain: API,
        token_type: "Bearer",
        expires_in: 3600,
      };
      return HttpResponse.json(body);
    }),
  );
  return forms;
}

/** Zoho's error body. */
export function zohoError(status: number, code: string, details: object = {}, message = code.toLowerCase()) {
  return HttpResponse.json({ code, details, message, status: "error" }, { status });
}

/** `count` generated records with 19-digit ids (beyond Number.MAX_SAFE_INTEGER). */
export function makeRecords(count: number, offset = 0) {
  return Array.from({ length: count }, (_, i) => ({
    id: String(4876876000000327001n + BigInt(offset + i)),
    Last_Name: `Name ${offset + i}`,
  }));
}
