/**
 * Credentials (OAuth refresh tokens, API tokens) by key, e.g. `"zoho:refresh-token"`. Implementations
 * must never log or echo a value, not even in errors; production backends should encrypt at rest.
 */
export interface SecretStore {
  /** The secret, or `null` when none is stored under `key`. */
  get(key: string): Promise<string | null>;
  /** Stores or replaces the secret. An empty value is refused: use `delete`. */
  set(key: string, value: string): Promise<void>;
  /** Removes the secret. Returns whether one existed. */
  delete(key: string): Promise<boolean>;
}
