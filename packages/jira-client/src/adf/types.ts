/**
 * A mark on a text node. The converters understand `strong`, `em` and `link` (`attrs.href`);
 * other marks (`code`, `underline`, `textColor`...) are dropped by the markdown and text output.
 */
export type AdfMark = { type: string; attrs?: Record<string, unknown> };

/** Any ADF node. Known shapes are narrowed by `type`; unknown ones still render as readable text. */
export type AdfNode = {
  type: string;
  text?: string;
  marks?: AdfMark[];
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
};

/** The root of an Atlassian Document Format value, as Jira v3 expects for rich-text fields. */
export type AdfDocument = {
  type: "doc";
  version: 1;
  content: AdfNode[];
};

/** The marks the markdown subset round-trips, in the canonical order the converters emit. */
export const SUBSET_MARKS = ["strong", "em", "link"] as const;

/** True when `value` has the shape of an ADF document root. */
export function isAdfDocument(value: unknown): value is AdfDocument {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return v.type === "doc" && Array.isArray(v.content);
}
