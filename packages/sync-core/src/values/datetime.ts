/**
 * Date and datetime parsing without the host clock or time-zone database: Zoho writes
 * `2019-07-25T15:26:49+05:30`, Jira writes `2024-01-02T03:04:05.123+0000`; both become UTC ISO with ms.
 * Hand-rolled over char codes: planning parses several datetimes per pair, so this is on the hot path.
 */
const DAY_MS = 86_400_000;

/** Parses an ISO-like datetime (offset `Z`, `+05:30` or `+0530`; none means UTC) to epoch ms. */
export function parseDateTimeMs(text: string): number | undefined {
  const s =
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
      ? text.trim()
      : text;
  const date = dayNumber(s);
  const sep = s.charCodeAt(10);
  if (date === undefined || (sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58) return undefined;
  const hours = twoDigits(s, 11);
  const minutes = twoDigits(s, 14);
  let seconds = 0;
  let millis = 0;
  let i = 16;
  if (s.charCodeAt(i) === 58) {
    seconds = twoDigits(s, 17);
    i = 19;
    if (s.charCodeAt(i) === 46) {
      let digits = 0;
      for (i = 20; i < s.length && isDigit(s.charCodeAt(i)); i++, digits++) {
        if (digits < 3) millis = millis * 10 + (s.charCodeAt(i) - 48);
      }
      if (digits === 0 || digits > 9) return undefined;
      for (let d = digits; d < 3; d++) millis *= 10;
    }
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const offset = i === s.length ? 0 : zoneMinutes(s, i);
  if (offset === undefined) return undefined;
  return date * DAY_MS + ((hours * 60 + minutes - offset) * 60 + seconds) * 1000 + millis;
}

/** Parses `YYYY-MM-DD` and checks it is a real calendar day. */
export function parseDate(text: string): string | undefined {
  const s = text.trim();
  return s.length === 10 && dayNumber(s) !== undefined ? s : undefined;
}

/** `+05:30` -> 330, `-0800` -> -480, `Z` -> 0. */
export function offsetMinutes(zone: string): number {
  return zoneMinutes(zone, 0) ?? 0;
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
  return (dayNumber(date) ?? 0) * DAY_MS - offsetMinutes(zone) * 60_000;
}

/** Days since 1970-01-01 of the `YYYY-MM-DD` at the start of `s`, or `undefined` when it is not a real day. */
function dayNumber(s: string): number | undefined {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (!(year >= 0) || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month)))
    return undefined;
  // Days from civil (proleptic Gregorian), after Howard Hinnant's well-known algorithm.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function zoneMinutes(s: string, i: number): number | undefined {
  const sign = s.charCodeAt(i);
  if (sign === 90) return i + 1 === s.length ? 0 : undefined;
  if (sign !== 43 && sign !== 45) return undefined;
  const colon = s.charCodeAt(i + 3) === 58;
  if (s.length !== i + (colon ? 6 : 5)) return undefined;
  const hours = twoDigits(s, i + 1);
  const minutes = twoDigits(s, colon ? i + 4 : i + 3);
  if (!(hours <= 14 && minutes <= 59)) return undefined;
  return (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
}

/** Two decimal digits at `i`, or NaN when either is not a digit (NaN fails every later range check). */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
