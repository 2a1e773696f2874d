import type { SecretStore } from "../contracts/secrets.js";
import { InvalidInputError } from "../errors.js";
import { MAX_SECRET_LENGTH } from "../limits.js";
import { requireKey } from "../validate.js";

/** Secrets in a `Map`. Errors name the key or field, never the value. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    async get(key) {
      return secrets.get(requireKey(key, "key")) ?? null;
    },
    async set(key, value) {
      const k = requireKey(key, "key");
      if (typeof value !== "string") throw new InvalidInputError("value", "must be a string");
      if (value.length === 0) throw new InvalidInputError("value", "must not be empty: use delete");
      if (value.length > MAX_SECRET_LENGTH) {
        throw new InvalidInputError("value", `must be at most ${MAX_SECRET_LENGTH} characters`);
      }
      secrets.set(k, value);
    },
    async delete(key) {
      return secrets.delete(requireKey(key, "key"));
    },
  };
}
