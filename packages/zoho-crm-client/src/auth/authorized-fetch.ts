import type { Transport } from "@kobik/transport";
import type { Session } from "./session.js";

/**
 * @internal The fetch openapi-fetch sends through: adds `Authorization: Zoho-oauthtoken` (not Bearer) and, on
 * 401 `INVALID_TOKEN`, renews the token once (shared with every concurrent caller) and resends once.
 */
export function authorizedFetch(
  session: Session,
  transport: Transport,
  requests: WeakMap<Response, Request>,
) {
  return async (request: Request): Promise<Response> => {
    const token = await session.accessToken();
    // The transport sends a clone per attempt, so `request` itself stays unread and can be resent.
    request.headers.set("Authorization", `Zoho-oauthtoken ${token}`);
    let response = await transport.fetch(request);
    if (response.status === 401 && (await zohoCode(response)) === "INVALID_TOKEN") {
      const next = await session.renew(token);
      if (next !== token) {
        await response.body?.cancel();
        request.headers.set("Authorization", `Zoho-oauthtoken ${next}`);
        response = await transport.fetch(request);
      }
    }
    requests.set(response, request);
    return response;
  };
}

async function zohoCode(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    return typeof body === "object" && body !== null && "code" in body ? String(body.code) : undefined;
  } catch {
    return undefined;
  }
}
