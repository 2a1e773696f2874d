/**
 * Date and datetime parsing without the host clock or time-zone database: Zoho writes
 * `2019-07-25T15:26:49+05:30`, Jira writes `2024-01-02T03:04:05.123+0000`; both become UTC ISO with ms.
 */
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO-like datetime (offset `Z`, `+05:30` or `+0530`; none means UTC) to epoch ms. */
export function parseDateTimeMs(text: string): number | undefined {
  const m = DATETIME.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s = "0", frac = "0", zone = "Z"] = m;
  const ms = Number(frac.padEnd(3, "0").slice(0, 3));
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (!isValidCalendar(local, Number(y), Number(mo), Number(d))) return undefined;
  return local - offsetMinutes(zone) * 60_000;
}

/** Parses `YYYY-MM-DD` and checks it is a real calendar day. */
export function parseDate(text: string): string | undefined {
  const m = DATE.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d] = m;
  return isValidCalendar(Date.UTC(Number(y), Number(mo) - 1, Number(d)), Number(y), Number(mo), Number(d))
    ? `${y}-${mo}-${d}`
    : undefined;
}

/** `+05:30` -> 330, `-0800` -> -480, `Z` -> 0. */
export function offsetMinutes(zone: string): number {
  if (zone === "Z") return 0;
  const digits = zone.replace(":", "");
  const sign = digits.startsWith("-") ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

/** Epoch ms -> `2024-01-02T03:04:05.000Z`. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** The calendar day of an instant seen at a fixed UTC offset. */
export function dateAtOffset(ms: number, zone: string): string {
  return formatUtc(ms + offsetMinutes(zone) * 60_000).slice(0, 10);
}

/** Midnight of a calendar day at a fixed UTC offset, as epoch ms. */
export function midnightAtOffset(date: string, zone: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) - offsetMinutes(zone) * 60_000;
}

function isValidCalendar(ms: number, year: number, month: number, day: number): boolean {
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
