import { mergeInline, textNode } from "./inline.js";
import type { AdfMark, AdfNode } from "./types.js";

const ESCAPABLE = new Set(["\\", "*", "[", "]", "(", ")", "-"]);

interface InlineState {
  strong: boolean;
  em: boolean;
  /** Delimiters of a kind that never closes in this paragraph are read as literal stars. */
  literal: { strong: boolean; em: boolean };
}

function marksOf(state: InlineState, href: string | undefined): AdfMark[] {
  const marks: AdfMark[] = [];
  if (state.strong) marks.push({ type: "strong" });
  if (state.em) marks.push({ type: "em" });
  if (href !== undefined) marks.push({ type: "link", attrs: { href } });
  return marks;
}

/** Finds `](href)` closing a link opened at `open`; returns the text range, href and end index. */
function findLink(src: string, open: number): { textEnd: number; href: string; end: number } | undefined {
  let i = open + 1;
  while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
  if (src[i] !== "]" || src[i + 1] !== "(") return undefined;
  let href = "";
  let j = i + 2;
  while (j < src.length && src[j] !== ")") {
    if (src[j] === "\\" && j + 1 < src.length) j++;
    href += src[j];
    j++;
  }
  if (j >= src.length || href === "") return undefined;
  return { textEnd: i, href, end: j + 1 };
}

/** Applies a run of `*`: one toggles italic, two bold, three both; disabled kinds stay literal text. */
function starRun(n: number, state: InlineState): string {
  if (n > 3) return "*".repeat(n);
  let literal = "";
  if (n >= 2) {
    if (state.literal.strong) literal += "**";
    else state.strong = !state.strong;
  }
  if (n !== 2) {
    if (state.literal.em) literal += "*";
    else state.em = !state.em;
  }
  return literal;
}

function parseRange(src: string, from: number, to: number, state: InlineState, href?: string): AdfNode[] {
  const nodes: AdfNode[] = [];
  let buf = "";
  const flush = () => {
    if (buf !== "") nodes.push(textNode(buf, marksOf(state, href)));
    buf = "";
  };
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === "\\" && i + 1 < to && ESCAPABLE.has(src[i + 1]!)) {
      buf += src[i + 1];
      i += 2;
    } else if (c === "*") {
      let n = 1;
      while (src[i + n] === "*" && i + n < to) n++;
      flush();
      buf += starRun(n, state);
      i += n;
    } else if (c === "\n") {
      flush();
      nodes.push({ type: "hardBreak" });
      i++;
    } else if (c === "[" && href === undefined && findLink(src, i) && findLink(src, i)!.end <= to) {
      const link = findLink(src, i)!;
      flush();
      nodes.push(...parseRange(src, i + 1, link.textEnd, state, link.href));
      i = link.end;
    } else {
      buf += c;
      i++;
    }
  }
  flush();
  return nodes;
}

/**
 * Inline markdown of the subset (`**bold**`, `*italic*`, `[text](href)`, `\` escapes, newline =
 * hard break) to ADF inline nodes. A `*` or `**` that never closes in the paragraph is literal, so
 * `2 * 3` stays as typed.
 */
export function parseInline(src: string): AdfNode[] {
  const state: InlineState = { strong: false, em: false, literal: { strong: false, em: false } };
  let nodes = parseRange(src, 0, src.length, state);
  if (state.strong || state.em) {
    const literal = { strong: state.strong, em: state.em };
    nodes = parseRange(src, 0, src.length, { strong: false, em: false, literal });
  }
  return mergeInline(nodes);
}

/** A block is a list when its first line is an item and every other line an item or a continuation. */
function isListBlock(lines: readonly string[]): boolean {
  return lines[0]!.startsWith("- ") && lines.every((l) => l.startsWith("- ") || l.startsWith("  "));
}

function parseList(lines: readonly string[]): AdfNode {
  const items: string[] = [];
  for (const line of lines) {
    if (line.startsWith("- ")) items.push(line.slice(2));
    else items[items.length - 1] += `\n${line.slice(2)}`;
  }
  return {
    type: "bulletList",
    content: items.map((item) => ({
      type: "listItem",
      content: [{ type: "paragraph", content: parseInline(item) }],
    })),
  };
}

/** Splits text into blocks at blank lines (exactly "\n\n", so extra newlines survive as hard breaks). */
export function splitBlocks(text: string): string[] {
  return text === "" ? [] : text.replace(/\r\n?/g, "\n").split("\n\n");
}

/** Block-level markdown of the subset to ADF block nodes. */
export function parseBlocks(markdown: string): AdfNode[] {
  return splitBlocks(markdown).map((block) => {
    const lines = block.split("\n");
    return isListBlock(lines) ? parseList(lines) : { type: "paragraph", content: parseInline(block) };
  });
}
