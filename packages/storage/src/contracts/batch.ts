/**
 * The result of one entry of a batch write: the stored value, or the expected failure that refused
 * this entry alone (a version conflict, a duplicate, an unknown key). Expected failures are values so
 * that one refused entry neither fails nor rolls back the others; broken input and a stale fence
 * still throw, for the whole batch.
 */
export type BatchEntryResult<T, E> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };
