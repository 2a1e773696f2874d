import { HOST_ORIGIN } from "./auth.js";

/** What Forge's `requestJira` resolves: a fetch-like response, not necessarily a WHATWG `Response`. */
export interface HostResponse {
  status: number;
  statusText?: string;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** A host sender taking a path (`/rest/api/3/...?...`) and init, e.g. `api.asApp().requestJira`. */
export type HostRequestJira = (path: string, init: RequestInit) => Promise<HostResponse | Response>;

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Adapts a host's Jira sender (Forge's `requestJira`) to the `fetch` the client expects in `host`
 * auth mode: the host authenticates and resolves the site, so only path and query are passed on.
 *
 * @example
 * import api, { assumeTrustedRoute } from "@forge/api";
 * const jira = createJiraClient({
 *   auth: { kind: "host" },
 *   fetch: fromRequestJira((path, init) => api.asApp().requestJira(assumeTrustedRoute(path), init)),
 * });
 */
export function fromRequestJira(requestJira: HostRequestJira): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const path = url.origin === HOST_ORIGIN ? `${url.pathname}${url.search}` : request.url;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const hasBody = request.method !== "GET" && request.method !== "HEAD" && request.body !== null;
    const init: RequestInit = {
      method: request.method,
      headers,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    };
    const response = await requestJira(path, init);
    if (response instanceof Response) return response;
    const out = new Headers();
    response.headers.forEach((value, key) => {
      out.append(key, value);
    });
    const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
    return new Response(body, {
      status: response.status,
      statusText: response.statusText ?? "",
      headers: out,
    });
  };
}
