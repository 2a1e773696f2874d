import type { AdfMark, AdfNode } from "./types.js";

const MARK_ORDER: Record<string, number> = { strong: 0, em: 1, link: 2 };

/** The href of a node's link mark, if any. */
export function linkOf(node: AdfNode): string | undefined {
  const mark = node.marks?.find((m) => m.type === "link");
  const href = mark?.attrs?.href;
  return typeof href === "string" ? href : undefined;
}

/** True when the node carries a mark of this type. */
export function hasMark(node: AdfNode, type: string): boolean {
  return node.marks?.some((m) => m.type === type) ?? false;
}

function sameMarks(a: readonly AdfMark[] | undefined, b: readonly AdfMark[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Builds a text node with marks in canonical order, omitting `marks` when there are none. */
export function textNode(text: string, marks: AdfMark[]): AdfNode {
  if (marks.length === 0) return { type: "text", text };
  const sorted = [...marks].sort((x, y) => (MARK_ORDER[x.type] ?? 9) - (MARK_ORDER[y.type] ?? 9));
  return { type: "text", text, marks: sorted };
}

/**
 * Canonical inline content: empty text dropped (ADF forbids it) and neighbouring text nodes with
 * the same marks merged, so equal documents compare equal after a round trip.
 */
export function mergeInline(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    if (node.type === "text" && !node.text) continue;
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text" && sameMarks(last.marks, node.marks)) {
      out[out.length - 1] = { ...last, text: `${last.text}${node.text}` };
    } else {
      out.push(node);
    }
  }
  return out;
}

/**
 * Readable text for an inline node outside the subset (mention, emoji, date, status, inline card,
 * anything newer): its visible label where ADF has one, never an exception.
 */
export function inlineFallbackText(node: AdfNode): string {
  const attrs = node.attrs ?? {};
  const pick = (...keys: string[]) => {
    for (const key of keys) {
      const v = attrs[key];
      if (typeof v === "string" && v !== "") return v;
    }
    return undefined;
  };
  switch (node.type) {
    case "mention":
      return pick("text") ?? `@${pick("id") ?? "user"}`;
    case "emoji":
      return pick("text", "shortName") ?? "";
    case "date": {
      const ts = Number(attrs.timestamp);
      return Number.isFinite(ts) ? new Date(ts).toISOString().slice(0, 10) : "";
    }
    case "inlineCard":
      return pick("url") ?? "";
    default:
      return pick("text", "url", "shortName") ?? (typeof node.text === "string" ? node.text : "");
  }
}
