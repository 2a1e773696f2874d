/**
 * Decimal numbers as normalised strings: no exponent, no leading zeros, no trailing fraction zeros,
 * no `-0`. Strings in, strings out, so `0.1` never becomes `0.1000000000000000055`.
 */
const NORMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Normalises a JSON number or numeric string to a decimal string, or `undefined` when it is not a number. */
export function normaliseDecimal(raw: number | string): string | undefined {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return undefined;
    // A JS number prints as its shortest round-trip form: already normal unless it uses an exponent.
    const printed = String(raw);
    if (!printed.includes("e")) return printed === "-0" ? "0" : printed;
  } else if (raw !== "-0" && NORMAL.test(raw)) {
    return raw;
  }
  const match = DECIMAL.exec(String(raw).trim());
  if (match === null) return undefined;
  const [, sign = "", intPart = "", fracPart = "", exponent = "0"] = match;
  if (intPart === "" && fracPart === "") return undefined;
  let digits = intPart + fracPart;
  let point = intPart.length + Number(exponent);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    digits += "0".repeat(point - digits.length);
  }
  const whole = digits.slice(0, point).replace(/^0+/, "") || "0";
  const fraction = digits.slice(point).replace(/0+$/, "");
  const body = fraction === "" ? whole : `${whole}.${fraction}`;
  return sign === "-" && body !== "0" ? `-${body}` : body;
}

/** Rounds a normalised decimal string half away from zero to `scale` fraction digits. */
export function roundDecimal(value: string, scale: number): string {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  if (fraction.length <= scale) return value;
  const kept = whole + fraction.slice(0, scale);
  const roundUp = fraction.charCodeAt(scale) - 48 >= 5;
  const digits = roundUp ? incrementDigits(kept) : kept;
  const cut = digits.length - scale;
  const rounded = scale === 0 ? digits : `${digits.slice(0, cut)}.${digits.slice(cut)}`;
  return normaliseDecimal(negative ? `-${rounded}` : rounded) ?? value;
}

function incrementDigits(digits: string): string {
  const chars = digits.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== "9") {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join("");
    }
    chars[i] = "0";
  }
  return `1${chars.join("")}`;
}
