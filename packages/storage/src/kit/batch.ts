import type { BatchEntryResult } from "../contracts/batch.js";
import { InvalidInputError, StorageError, type StorageErrorCode } from "../errors.js";
import { MAX_BATCH_SIZE } from "../limits.js";
import { requireKey } from "../validate.js";

function requireBatchArray(entries: unknown, field: string): void {
  if (!Array.isArray(entries)) throw new InvalidInputError(field, "must be an array");
  if (entries.length > MAX_BATCH_SIZE) {
    throw new InvalidInputError(field, `must hold at most ${MAX_BATCH_SIZE} entries`);
  }
}

/**
 * Validates a batch argument: an array of at most {@link MAX_BATCH_SIZE} entries, each read by
 * `read`. An entry's `InvalidInputError` is rethrown with the entry's index in its field
 * (`entries[3].link.jira.issueId`), so a whole batch is refused before anything is written.
 *
 * @example
 * const saves = readBatch(entries, "entries", (e) => validateLinkSave(e.link, e));
 */
export function readBatch<I, O>(entries: readonly I[], field: string, read: (entry: I) => O): O[] {
  requireBatchArray(entries, field);
  return entries.map((entry, i) => readNested(`${field}[${i}]`, entry, read));
}

/**
 * Reads the object `value` with `read`, rethrowing an `InvalidInputError` with `field` in front of
 * the field it names (`entries[3]` + `link.jira.issueId`), or naming `field` itself when `value` is
 * not an object.
 *
 * @example
 * const completes = readNested("completes", entry.completes, readCompleteIntent);
 */
export function readNested<I, O>(field: string, value: I, read: (value: I) => O): O {
  try {
    if (typeof value !== "object" || value === null) throw new InvalidInputError("", "must be an object");
    return read(value);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(error.field === "" ? field : `${field}.${error.field}`, error.problem);
  }
}

/**
 * Runs one entry's check-and-set and turns the expected failures listed in `codes` into an
 * `{ ok: false, error }` result; anything else (a broken invariant, a database error) still throws.
 *
 * @example
 * const result = settleEntry(() => checkLinkSave(save, state), ["VERSION_CONFLICT", "DUPLICATE"]);
 */
export function settleEntry<T, E extends StorageError>(
  work: () => T,
  codes: readonly StorageErrorCode[],
): BatchEntryResult<T, E> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof StorageError && codes.includes(error.code)) return { ok: false, error: error as E };
    throw error;
  }
}

/**
 * Validates the keys of a batched read (`intents.getMany`, `links.getManyByCrmRecord`): an array of
 * at most {@link MAX_BATCH_SIZE} keys, a bad one named by its index (`keys[2]`).
 *
 * @example
 * const ids = readKeyBatch(recordIds, "recordIds"); // string[]
 */
export function readKeyBatch(keys: readonly string[], field: string): string[] {
  requireBatchArray(keys, field);
  return keys.map((key, i) => requireKey(key, `${field}[${i}]`));
}
