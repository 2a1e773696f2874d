const REDACTED = "[REDACTED]";

// Credentials recognisable by their shape, whoever put them in a message: auth headers, OAuth
// fields in query strings or form bodies, and the same fields in JSON.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(Zoho-oauthtoken|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(access_token|refresh_token|client_secret|code|token|api_token|password)=([^&\s"']+)/gi,
  /"(access_token|refresh_token|client_secret|code|token|api_token|password|secret)"\s*:\s*"[^"]*"/gi,
];

/**
 * Removes secrets from a text: every occurrence of each known secret value (tokens, client
 * secrets, API keys the caller holds), and anything shaped like a credential.
 *
 * @example
 * redactSecrets("refresh failed for token abc123", ["abc123"]); // "refresh failed for token [REDACTED]"
 */
export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    // Very short values would shred ordinary words; real credentials are never this short.
    if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(SECRET_PATTERNS[0]!, (_m, scheme: string) => `${scheme} ${REDACTED}`);
  out = out.replace(SECRET_PATTERNS[1]!, (_m, key: string) => `${key}=${REDACTED}`);
  out = out.replace(SECRET_PATTERNS[2]!, (_m, key: string) => `"${key}":"${REDACTED}"`);
  return out;
}

/** Deeply redacts every string inside a JSON-like value (for error details and log fields). */
export function redactValue<T>(value: T, knownSecrets: readonly string[] = []): T {
  if (typeof value === "string") return redactSecrets(value, knownSecrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, knownSecrets)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /secret|token|password|authorization/i.test(k) ? REDACTED : redactValue(v, knownSecrets);
    }
    return out as T;
  }
  return value;
}
