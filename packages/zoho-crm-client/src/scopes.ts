// Which scope an endpoint needs, so an OAUTH_SCOPE_MISMATCH can name it. Zoho's error body does not
// say which scope was missing, so this is derived from the URL (most specific rule first).
const ENDPOINT_SCOPES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\/crm\/v8\/[^/]+\/search$/, "ZohoSearch.securesearch.READ"],
  [/\/Attachments(\/|$)/, "ZohoCRM.modules.attachments.ALL"],
  [/\/Notes(\/|$)/, "ZohoCRM.modules.notes.ALL"],
  [/\/crm\/v8\/settings\//, "ZohoCRM.settings.ALL"],
  [/\/crm\/v8\/users(\/|$)/, "ZohoCRM.users.ALL"],
  [/\/crm\/v8\/org$/, "ZohoCRM.org.READ"],
  [/\/crm\/v8\/actions\/watch$/, "ZohoCRM.notifications.ALL"],
  [/\/crm\/v8\/[^/]+(\/|$)/, "ZohoCRM.modules.ALL"],
];

/** The scope the endpoint (`METHOD /path`) needs, or `undefined` when it is not one we know. */
export function scopeForEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  const path = endpoint.slice(endpoint.indexOf(" ") + 1);
  return ENDPOINT_SCOPES.find(([pattern]) => pattern.test(path))?.[1];
}
