import type { Register } from "../program.js";

const items = () => import("../../commands/items.js");

/** `kobik items add|list|show|edit|remove|schema`. */
export const registerItems: Register = (program, wrap) => {
  const group = program
    .command("items")
    .description("manage synced items (YAML or JSON files, checked before saving)");
  group
    .command("add <file>")
    .description("add an item from a YAML or JSON file")
    .option("--replace", "replace an existing item with the same id")
    .action(wrap(async () => (await items()).addItem));
  group
    .command("list")
    .description("list the items")
    .action(wrap(async () => (await items()).listItems));
  group
    .command("show <id>")
    .description("print an item as YAML (or JSON with --json)")
    .action(wrap(async () => (await items()).showItem));
  group
    .command("edit <id>")
    .description("edit an item in $EDITOR, or replace it from --file")
    .option("--file <path>", "the new item (YAML or JSON)")
    .action(wrap(async () => (await items()).editItem));
  group
    .command("remove <id>")
    .description("remove an item (its links and history stay in the workspace)")
    .action(wrap(async () => (await items()).removeItem));
  group
    .command("schema")
    .description("write the item JSON Schema (for editor completion) to a file")
    .option("--out <file>", "where to write it", "")
    .action(wrap(async () => (await items()).writeSchemaCommand));
};
