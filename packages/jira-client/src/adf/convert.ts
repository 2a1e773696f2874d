import { parseBlocks, splitBlocks } from "./markdown-read.js";
import { renderBlocks } from "./render.js";
import { type AdfDocument, type AdfNode, isAdfDocument } from "./types.js";

function doc(content: AdfNode[]): AdfDocument {
  return { type: "doc", version: 1, content };
}

function blocksOf(value: unknown): AdfNode[] {
  if (isAdfDocument(value)) return value.content;
  // Tolerate a bare node or a list of nodes: readable text beats an exception for odd input.
  if (Array.isArray(value)) return value as AdfNode[];
  if (value !== null && typeof value === "object" && typeof (value as AdfNode).type === "string") {
    return [value as AdfNode];
  }
  return [];
}

/**
 * Plain text to ADF: paragraphs at blank lines (`\n\n`), a single `\n` becomes a hard break, no
 * markup is interpreted. Lossless with {@link adfToText} for any text without `\r`.
 *
 * @example
 * textToAdf("Hello\nworld"); // one paragraph: "Hello", hardBreak, "world"
 */
export function textToAdf(text: string): AdfDocument {
  return doc(
    splitBlocks(text).map((block) => {
      const content: AdfNode[] = [];
      block.split("\n").forEach((line, i) => {
        if (i > 0) content.push({ type: "hardBreak" });
        if (line !== "") content.push({ type: "text", text: line });
      });
      return { type: "paragraph", content };
    }),
  );
}

/**
 * ADF to plain text: blocks joined by a blank line, hard breaks as `\n`, list items as `- `, marks
 * dropped (a link whose text differs from its URL reads `text (url)`). Unknown nodes become their
 * readable text; malformed input yields `""` rather than an exception.
 */
export function adfToText(value: AdfDocument | unknown): string {
  return renderBlocks(blocksOf(value), "text").join("\n\n");
}

/**
 * The markdown subset to ADF: paragraphs, line breaks, `**bold**`, `*italic*`, `[text](url)` and
 * `- ` bullet lists (a line starting with two spaces continues the item). `\` escapes `\ * [ ] ( ) -`.
 *
 * @example
 * markdownToAdf("Call **today**\n\n- [site](https://example.com)\n- notes");
 */
export function markdownToAdf(markdown: string): AdfDocument {
  return doc(parseBlocks(markdown));
}

/**
 * ADF to the markdown subset; `markdownToAdf(adfToMarkdown(d))` gives back `d` for documents inside
 * the subset (paragraphs without two hard breaks in a row or a trailing one, bullet lists of single paragraphs, text with
 * strong/em/link marks and no newline characters; a document that is one empty paragraph reads back
 * as an empty document). Other nodes and marks degrade to readable text.
 */
export function adfToMarkdown(value: AdfDocument | unknown): string {
  return renderBlocks(blocksOf(value), "markdown").join("\n\n");
}
