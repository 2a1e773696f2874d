import { isObject } from "../core/http.js";

const BLOCK = new Set([
  "paragraph",
  "heading",
  "bulletList",
  "orderedList",
  "codeBlock",
  "blockquote",
  "rule",
  "panel",
  "table",
  "mediaSingle",
  "mediaGroup",
  "expand",
]);
const INLINE = new Set(["text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status"]);
const CHILDREN: Record<string, Set<string>> = {
  bulletList: new Set(["listItem"]),
  orderedList: new Set(["listItem"]),
  listItem: new Set(["paragraph", "bulletList", "orderedList", "codeBlock", "heading", "mediaSingle"]),
  table: new Set(["tableRow"]),
  tableRow: new Set(["tableHeader", "tableCell"]),
  tableHeader: BLOCK,
  tableCell: BLOCK,
  blockquote: new Set(["paragraph", "bulletList", "orderedList", "codeBlock", "heading"]),
  panel: new Set(["paragraph", "bulletList", "orderedList", "heading"]),
  expand: BLOCK,
  mediaSingle: new Set(["media"]),
  mediaGroup: new Set(["media"]),
};
const MARKS = new Set(["strong", "em", "underline", "strike", "code", "subsup", "textColor", "link"]);

function checkMarks(node: Record<string, unknown>, inCode: boolean): string | undefined {
  if (node.marks === undefined) return undefined;
  if (!Array.isArray(node.marks)) return "marks must be an array";
  if (inCode && node.marks.length > 0) return "text in a codeBlock cannot carry marks";
  const seen = new Set<string>();
  for (const mark of node.marks) {
    if (!isObject(mark) || typeof mark.type !== "string" || !MARKS.has(mark.type)) return "unknown mark";
    if (seen.has(mark.type)) return `duplicate mark ${mark.type}`;
    seen.add(mark.type);
    if (mark.type === "link" && !(isObject(mark.attrs) && typeof mark.attrs.href === "string"))
      return "link mark needs attrs.href";
  }
  return undefined;
}

function checkInline(node: Record<string, unknown>, inCode: boolean): string | undefined {
  switch (node.type) {
    case "text":
      if (typeof node.text !== "string" || node.text.length === 0) return "text nodes need non-empty text";
      return checkMarks(node, inCode);
    case "mention":
      return isObject(node.attrs) && typeof node.attrs.id === "string" ? undefined : "mention needs attrs.id";
    default:
      return undefined;
  }
}

function checkNode(node: unknown, allowed: Set<string>, depth: number, inCode: boolean): string | undefined {
  if (depth > 32) return "document nested too deeply";
  if (!isObject(node) || typeof node.type !== "string") return "every node needs a type";
  if (!allowed.has(node.type)) return `node type '${node.type}' is not allowed here`;
  if (INLINE.has(node.type)) return checkInline(node, inCode);
  if (node.type === "media" || node.type === "rule") return undefined;
  const kids =
    node.type === "paragraph" || node.type === "heading" || node.type === "codeBlock"
      ? INLINE
      : CHILDREN[node.type];
  if (kids === undefined) return undefined;
  if (node.content === undefined) return node.type === "paragraph" ? undefined : `${node.type} needs content`;
  if (!Array.isArray(node.content)) return "content must be an array";
  for (const child of node.content) {
    const error = checkNode(child, kids, depth + 1, inCode || node.type === "codeBlock");
    if (error !== undefined) return error;
  }
  return undefined;
}

/**
 * Validates an Atlassian Document: `{type:"doc", version:1, content:[block...]}`, known node and
 * mark types, non-empty text. Returns the reason it is invalid, or `undefined`.
 */
export function adfProblem(value: unknown): string | undefined {
  if (!isObject(value) || value.type !== "doc") return "root must be a doc node";
  if (value.version !== 1) return "version must be 1";
  if (!Array.isArray(value.content)) return "doc needs a content array";
  for (const block of value.content) {
    const error = checkNode(block, BLOCK, 1, false);
    if (error !== undefined) return error;
  }
  return undefined;
}

/** Plain text of a document, blocks joined by newlines (used for `~` searches and change strings). */
export function adfText(value: unknown): string {
  if (!isObject(value)) return "";
  if (value.type === "text" && typeof value.text === "string") return value.text;
  if (value.type === "hardBreak") return "\n";
  const parts = Array.isArray(value.content) ? value.content.map(adfText) : [];
  return BLOCK.has(String(value.type)) || value.type === "doc"
    ? parts.join(value.type === "doc" ? "\n" : "")
    : parts.join("");
}

/** The message Jira gives for a non-ADF value in a rich-text field. */
export const ADF_MESSAGE =
  "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
