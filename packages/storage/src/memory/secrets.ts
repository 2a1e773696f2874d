import type { SecretStore } from "../contracts/secrets.js";
import { validateSecretValue } from "../kit/records.js";
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
      secrets.set(k, validateSecretValue(value));
    },
    async delete(key) {
      return secrets.delete(requireKey(key, "key"));
    },
  };
}
