/** Parses an offset like `+05:30` into minutes; throws a TypeError naming the bad value. */
export function parseOffset(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (m === null) throw new TypeError(`timeZoneOffset must look like "+05:30", got "${offset}"`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Renders the offset suffix, always `+HH:MM` (Zoho never writes `Z`). */
export function offsetSuffix(minutes: number, colon = true): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ":" : ""}${pad(abs % 60)}`;
}

/** `2026-11-22T10:15:30+05:30`: second precision, local to the org's offset. */
export function formatZohoTime(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${local}${offsetSuffix(offsetMinutes)}`;
}

/** `2026-11-22`, in the org's offset. */
export function formatZohoDate(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/;

/** Parses an ISO 8601 date-time that carries an offset; `undefined` otherwise. */
export function parseIsoWithOffset(value: string): number | undefined {
  if (!ISO_WITH_OFFSET.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Truncates to whole seconds: Zoho stores times at second precision. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
