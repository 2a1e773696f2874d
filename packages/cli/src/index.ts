export { SCHEMA_VERSION, SchemaTooNewError } from "./storage/migrations.js";
export {
  asSecretKey,
  generateSecretKey,
  SecretDecryptionError,
  type SecretKey,
} from "./storage/secret-box.js";
export { loadSecretKey, parseSecretKey, SecretKeyError, type SecretKeySource } from "./storage/secret-key.js";
export type { SettingsStore } from "./storage/settings.js";
export {
  createSqliteStore,
  SecretKeyMismatchError,
  type SqliteStore,
  type SqliteStoreOptions,
} from "./storage/store.js";
export type {
  ChangedUser,
  InventoryDiff,
  InventoryUser,
  UserInventoryStore,
} from "./storage/user-inventory.js";
