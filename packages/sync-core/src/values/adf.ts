/**
 * The smallest Atlassian Document Format conversion the core needs to compare rich text with plain CRM
 * text. Deliberately lossy and deterministic: marks are dropped, blocks become lines.
 */
export interface AdfNode {
  readonly type: string;
  readonly text?: string;
  readonly content?: readonly AdfNode[];
  readonly attrs?: Readonly<Record<string, unknown>>;
}

/** An ADF document: `{ type: "doc", version: 1, content }`. */
export interface AdfDoc {
  readonly type: "doc";
  readonly version: 1;
  readonly content: readonly AdfNode[];
}

const INLINE_TEXT: Readonly<Record<string, (node: AdfNode) => string>> = {
  text: (node) => node.text ?? "",
  hardBreak: () => "\n",
  mention: (node) => String(node.attrs?.text ?? ""),
  emoji: (node) => String(node.attrs?.text ?? node.attrs?.shortName ?? ""),
  inlineCard: (node) => String(node.attrs?.url ?? ""),
};

/** True for a value shaped like an ADF document. */
export function isAdfDoc(value: unknown): value is AdfDoc {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "doc";
}

/** ADF -> plain text: one line per block (joined per block, so a heading never runs into the next paragraph). */
export function adfToText(doc: AdfDoc): string {
  return blocksToLines(doc.content).join("\n");
}

function blocksToLines(nodes: readonly AdfNode[]): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    const inline = INLINE_TEXT[node.type];
    if (inline !== undefined) {
      // Inline content at block level (malformed but seen): keep it on its own line.
      lines.push(inline(node));
    } else if (node.content?.every((child) => INLINE_TEXT[child.type] !== undefined)) {
      lines.push(node.content.map((child) => INLINE_TEXT[child.type]?.(child) ?? "").join(""));
    } else if (node.content !== undefined) {
      lines.push(...blocksToLines(node.content));
    } else if (node.type === "paragraph") {
      lines.push("");
    }
  }
  return lines;
}

/** Plain text -> ADF: one paragraph per line, empty lines kept as empty paragraphs (ADF forbids empty text nodes). */
export function textToAdf(text: string): AdfDoc {
  const content = text
    .split("\n")
    .map(
      (line): AdfNode =>
        line === ""
          ? { type: "paragraph", content: [] }
          : { type: "paragraph", content: [{ type: "text", text: line }] },
    );
  return { type: "doc", version: 1, content };
}
