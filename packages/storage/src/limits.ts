/**
 * Bounds every implementation enforces alike (the conformance suite checks them), so data that fits
 * one backend fits all.
 */

/** Longest key, name or id accepted: generous, but bounded so every backend can index it. */
export const MAX_KEY_LENGTH = 512;

/** Largest page any `list` call returns; callers page past it. */
export const MAX_PAGE_SIZE = 1000;

/** Longest TTL a lease may be granted for: a day. Longer would hide a dead holder for too long. */
export const MAX_LEASE_TTL_MS = 24 * 60 * 60 * 1000;

/** Largest secret accepted (64 KiB): far above any token, small enough for every backend's value limit. */
export const MAX_SECRET_LENGTH = 64 * 1024;

/** Most errors one run may record; the engine summarises beyond this. */
export const MAX_RUN_ERRORS = 1000;

/** Most field changes one audit event may carry. */
export const MAX_AUDIT_CHANGES = 500;

/**
 * Most entries one batch write (`links.saveMany`, `intents.recordMany`, `intents.completeMany`,
 * `audit.appendMany`) may carry, and most keys one batched read (`intents.getMany`,
 * `links.getManyByCrmRecord`) may ask for: a batch is one transaction (or one query), and a bounded
 * one keeps the write lock short and the query's parameter small.
 */
export const MAX_BATCH_SIZE = 1000;
