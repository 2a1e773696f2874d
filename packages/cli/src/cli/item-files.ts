import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type ConfigIssue, parseSmartConnectedItem, type SmartConnectedItem } from "@kobik/sync-core";
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { ConfigError } from "./errors.js";

/** An item file's content, parsed and checked, with where each problem sits. */
export type ItemFileResult =
  | { readonly ok: true; readonly item: SmartConnectedItem }
  | { readonly ok: false; readonly problems: readonly string[] };

function nodeAt(root: Node | null, path: readonly (string | number)[]): Node | null {
  let node: Node | null = root;
  for (const part of path) {
    if (isMap(node)) node = (node.get(part, true) as Node | undefined) ?? null;
    else if (isSeq(node) && typeof part === "number")
      node = (node.get(part, true) as Node | undefined) ?? null;
    else return node;
    if (node === null) return null;
  }
  return node;
}

/** Finds the deepest existing node on the path, so a missing key points at its parent's line. */
function lineOf(root: Node | null, counter: LineCounter, path: readonly (string | number)[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(root, path.slice(0, depth));
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

function describe(file: string, issue: ConfigIssue, line: number | null): string {
  const where = line === null ? file : `${file}:${line}`;
  const path = issue.pathText === "" ? "(the item)" : issue.pathText;
  return `${where}: ${path}: ${issue.message}`;
}

/**
 * Parses an item from YAML or JSON text (JSON is YAML, so one parser serves both and gives line
 * numbers for either) and checks it with sync-core's `parseSmartConnectedItem`.
 */
export function parseItemText(text: string, file: string): ItemFileResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line;
        return `${line === undefined ? file : `${file}:${line}`}: ${e.message.split("\n")[0]}`;
      }),
    };
  }
  // The CLI connects Zoho with its own OAuth client (a self-client grant), i.e. app auth.
  const parsed = parseSmartConnectedItem(doc.toJS(), { authMode: "app" });
  if (parsed.ok) return { ok: true, item: parsed.value };
  const root = doc.contents as Node | null;
  return {
    ok: false,
    problems: parsed.issues.map((issue) => describe(file, issue, lineOf(root, counter, issue.path))),
  };
}

/** Reads and checks an item file; a missing file or any problem is a {@link ConfigError} listing them all. */
export function readItemFile(file: string): SmartConnectedItem {
  const ext = extname(file).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(ext)) {
    throw new ConfigError(
      `${file}: item files are YAML (.yaml, .yml) or JSON (.json).`,
      "Rename the file or convert it.",
    );
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConfigError(`Cannot read ${file}.`, "Check the path; item files are YAML or JSON.");
  }
  const result = parseItemText(text, file);
  if (result.ok) return result.item;
  throw new ConfigError(
    `${file} is not a valid item:\n  ${result.problems.join("\n  ")}`,
    "Fix the fields named above (each line says how) and run the command again. Editors complete fields from .kobik/item.schema.json.",
  );
}
