/** Jira's summary limit in characters (commonly cited; enforced client-side as the spec is silent). */
export const JIRA_SUMMARY_MAX = 255;

const ELLIPSIS = "…";

/**
 * Makes any text a valid Jira summary: each run of line breaks (with the spaces around it) becomes
 * one space, and longer text is cut on a code-point boundary, never inside a surrogate pair, and
 * ends with `…`. Length is measured in UTF-16 units, as Jira (Java) counts, which is the stricter
 * reading: the result is at most 255 units and so at most 255 code points.
 *
 * @example
 * toJiraSummary("Renewal\r\nACME"); // "Renewal ACME"
 */
export function toJiraSummary(text: string): string {
  const flat = text.replace(/[ \t]*(?:\r\n|[\r\n\u2028\u2029])+[ \t]*/g, " ").trim();
  if (flat.length <= JIRA_SUMMARY_MAX) return flat;
  let kept = "";
  for (const point of flat) {
    if (kept.length + point.length > JIRA_SUMMARY_MAX - ELLIPSIS.length) break;
    kept += point;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}
