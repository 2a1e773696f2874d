import {
  createZohoCrmSimulator,
  ZOHO_FULL_SCOPES,
  ZOHO_SANDBOX_CLIENT,
  type ZohoCrmSimulator,
  type ZohoSimulatorOptions,
} from "@kobik/sandbox";

/** A simulator on loopback with a manual clock, plus a token with the given scopes. */
export async function zohoWithToken(
  options: ZohoSimulatorOptions = {},
  scopes: readonly string[] = ZOHO_FULL_SCOPES,
) {
  const zoho = await createZohoCrmSimulator({
    clock: { kind: "manual", start: "2026-11-22T10:00:00Z" },
    ...options,
  });
  const tokens = await exchange(zoho, scopes);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${tokens.api_domain}/crm/v8${path}`, {
      ...init,
      headers: {
        authorization: `Zoho-oauthtoken ${tokens.access_token}`,
        ...(init.headers as Record<string, string>),
      },
    });
  return { zoho, tokens, api };
}

/** Exchanges a fresh grant code for tokens on the loopback accounts server. */
export async function exchange(zoho: ZohoCrmSimulator, scopes: readonly string[]) {
  const code = zoho.mintGrantCode({ scopes });
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: ZOHO_SANDBOX_CLIENT.clientId,
    client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
    code,
  });
  const res = await fetch(`${zoho.accountsUrl()}/oauth/v2/token`, { method: "POST", body });
  return (await res.json()) as {
    access_token: string;
    refresh_token: string;
    api_domain: string;
    expires_in: number;
  };
}

/** Parsed JSON of arbitrary shape: tests assert on it with `toEqual`/`toMatchObject`. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by assertions, not by types.
export type Loose = Record<string, any>;

/** JSON of a response body. */
export async function body(res: Response): Promise<Loose> {
  return (await res.json()) as Loose;
}
