import { hasMark, inlineFallbackText, linkOf } from "./inline.js";
import type { AdfNode } from "./types.js";

/** How inline content is written: plain text drops marks, markdown writes the subset's syntax. */
export type RenderMode = "text" | "markdown";

const INLINE_TYPES = new Set(["text", "hardBreak", "mention", "emoji", "date", "status", "inlineCard"]);

function escapeText(text: string): string {
  return text.replace(/[\\*[\]]/g, (c) => `\\${c}`);
}

// A line that starts with "- " would read back as a list item; hard breaks start lines too.
function escapeLineStarts(md: string): string {
  return md.replace(/(^|\n)- /g, "$1\\- ");
}

function escapeHref(href: string): string {
  return href.replace(/[\\)]/g, (c) => `\\${c}`);
}

/** Plain text of inline content: marks dropped, a link shown as `text (href)` when they differ. */
function inlineText(nodes: readonly AdfNode[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "hardBreak") out += "\n";
    else if (node.type === "text") {
      const text = node.text ?? "";
      const href = linkOf(node);
      out += href !== undefined && href !== text ? `${text} (${href})` : text;
    } else out += inlineFallbackText(node);
  }
  return out;
}

/**
 * Markdown of inline content. Bold and italic are written as toggles at the points where they
 * change, so neighbouring nodes never produce runs the reader would misparse; runs of one link
 * become one `[text](href)`.
 */
function inlineMarkdown(nodes: readonly AdfNode[]): string {
  let out = "";
  const state = { strong: false, em: false };
  const toggleTo = (strong: boolean, em: boolean) => {
    // Close before open so `***` always means "both change", whatever the order.
    if (state.em && !em) out += "*";
    if (state.strong !== strong) out += "**";
    if (!state.em && em) out += "*";
    state.strong = strong;
    state.em = em;
  };
  let i = 0;
  while (i < nodes.length) {
    const node = nodes[i]!;
    const href = node.type === "text" ? linkOf(node) : undefined;
    if (href === undefined) {
      if (node.type === "hardBreak") out += "\n";
      else if (node.type === "text") {
        toggleTo(hasMark(node, "strong"), hasMark(node, "em"));
        out += escapeText(node.text ?? "");
      } else out += escapeText(inlineFallbackText(node));
      i++;
      continue;
    }
    out += "[";
    while (i < nodes.length && nodes[i]!.type === "text" && linkOf(nodes[i]!) === href) {
      const part = nodes[i]!;
      toggleTo(hasMark(part, "strong"), hasMark(part, "em"));
      out += escapeText(part.text ?? "");
      i++;
    }
    out += `](${escapeHref(href)})`;
  }
  toggleTo(false, false);
  return escapeLineStarts(out);
}

function renderInline(nodes: readonly AdfNode[], mode: RenderMode): string {
  return mode === "markdown" ? inlineMarkdown(nodes) : inlineText(nodes);
}

function isInlineContainer(node: AdfNode): boolean {
  return (node.content ?? []).some((child) => INLINE_TYPES.has(child.type) || typeof child.text === "string");
}

function listItems(node: AdfNode, mode: RenderMode, bullet: (n: number) => string): string {
  return (node.content ?? [])
    .map(
      (item, n) =>
        `${bullet(n)}${renderBlocks(item.content ?? [], mode)
          .join("\n")
          .replace(/\n/g, "\n  ")}`,
    )
    .join("\n");
}

function renderBlock(node: AdfNode, mode: RenderMode): string {
  switch (node.type) {
    case "paragraph":
      return renderInline(node.content ?? [], mode);
    case "bulletList":
      return listItems(node, mode, () => "- ");
    case "orderedList":
      return listItems(node, mode, (n) => `${n + 1}. `);
    case "rule":
      return "---";
    case "table":
      return (node.content ?? [])
        .map((row) =>
          (row.content ?? []).map((cell) => renderBlocks(cell.content ?? [], mode).join(" ")).join(" | "),
        )
        .join("\n");
    case "media":
    case "mediaInline": {
      const label = node.attrs?.alt ?? node.attrs?.filename;
      return `(attachment${typeof label === "string" && label !== "" ? `: ${label}` : ""})`;
    }
    default:
      if (typeof node.text === "string") return renderInline([node], mode);
      if (isInlineContainer(node)) return renderInline(node.content ?? [], mode);
      return renderBlocks(node.content ?? [], mode).join("\n\n");
  }
}

/** Renders block nodes, one string per block; unknown nodes become their readable text. */
export function renderBlocks(nodes: readonly AdfNode[], mode: RenderMode): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node === null || typeof node !== "object") continue;
    out.push(renderBlock(node, mode));
  }
  return out;
}
