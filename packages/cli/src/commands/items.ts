import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paginate } from "@kobik/storage";
import type { SmartConnectedItem } from "@kobik/sync-core";
import { stringify } from "yaml";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { ConfigError, UsageError } from "../cli/errors.js";
import { readItemFile } from "../cli/item-files.js";
import { enabledOptions } from "../cli/item-options.js";
import { writeItemSchema } from "../cli/workspace.js";

async function requireItem(ctx: CommandContext, id: string): Promise<SmartConnectedItem> {
  const item = await ctx.store().items.get(id);
  if (!item) throw new ConfigError(`No item "${id}".`, "Run `kobik items list` to see the stored items.");
  return item;
}

async function add(ctx: CommandContext, file: string, flags: { replace?: boolean }) {
  const item = readItemFile(file);
  const store = ctx.store();
  const existing = await store.items.get(item.id);
  if (existing && !flags.replace) {
    throw new ConfigError(
      `An item "${item.id}" already exists.`,
      `Run \`kobik items edit ${item.id} --file ${file}\` to replace it.`,
    );
  }
  await store.items.save(item);
  ctx.out.result({ saved: item.id, replaced: existing !== null }, (r) =>
    ctx.out.line(`Saved item ${r.saved}`),
  );
  return 0 as const;
}

/** Opens the item as YAML in $VISUAL/$EDITOR and returns the path of the edited file. */
function editInteractively(
  ctx: CommandContext,
  item: SmartConnectedItem,
): { file: string; cleanup: () => void } {
  const editor = ctx.io.env.VISUAL ?? ctx.io.env.EDITOR;
  if (!editor)
    throw new UsageError("No editor to open.", "Set $EDITOR, or pass --file <path> with the new item.");
  const dir = mkdtempSync(join(tmpdir(), "kobik-edit-"));
  const file = join(dir, `${item.id}.yaml`);
  writeFileSync(file, `# yaml-language-server: $schema=${ctx.paths.itemSchema}\n${stringify(item)}`);
  const run = spawnSync(editor, [file], { stdio: "inherit", shell: true });
  if (run.status !== 0)
    throw new UsageError(`The editor exited with status ${run.status}.`, "Nothing was saved; retry.");
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function edit(ctx: CommandContext, id: string, flags: { file?: string }) {
  const current = await requireItem(ctx, id);
  const session = flags.file
    ? { file: flags.file, cleanup: () => undefined }
    : editInteractively(ctx, current);
  try {
    const item = readItemFile(session.file);
    if (item.id !== id) {
      throw new ConfigError(
        `The file's id is "${item.id}", not "${id}".`,
        `Keep id: ${id}, or add the file as a new item with \`kobik items add\`.`,
      );
    }
    await ctx.store().items.save(item);
    ctx.out.result({ saved: id }, () => ctx.out.line(`Saved item ${id}`));
    return 0 as const;
  } finally {
    session.cleanup();
  }
}

async function list(ctx: CommandContext) {
  const items: SmartConnectedItem[] = [];
  for await (const item of paginate((p) => ctx.store().items.list(p), 100)) items.push(item);
  ctx.out.result(items, (all) => {
    if (all.length === 0) {
      ctx.out.line("No items yet: add one with `kobik items add <file>`.");
      return;
    }
    ctx.out.table(
      ["id", "name", "mode", "jira", "crm", "options", "enabled"],
      all.map((i) => [
        i.id,
        i.name,
        i.mode,
        `${i.jira.projectKey}/${i.jira.issueType}`,
        i.crm.module,
        enabledOptions(i).join(",") || "-",
        i.enabled ? "yes" : "no",
      ]),
    );
  });
  return 0 as const;
}

/** `kobik items add <file>`. */
export const addItem: CommandBody<[string, { replace?: boolean }]> = (ctx, file, flags) =>
  add(ctx, file, flags);

/** `kobik items list`. */
export const listItems: CommandBody<[]> = (ctx) => list(ctx);

/** `kobik items show <id>`: YAML, or JSON with `--json`. */
export const showItem: CommandBody<[string]> = async (ctx, id) => {
  const item = await requireItem(ctx, id);
  ctx.out.result(item, (i) => ctx.out.stdout.write(stringify(i)));
  return 0;
};

/** `kobik items edit <id> [--file f]`. */
export const editItem: CommandBody<[string, { file?: string }]> = (ctx, id, flags) => edit(ctx, id, flags);

/** `kobik items remove <id>`: its links and history stay in the workspace. */
export const removeItem: CommandBody<[string]> = async (ctx, id) => {
  await requireItem(ctx, id);
  await ctx.store().items.delete(id);
  ctx.out.result({ removed: id }, () => ctx.out.line(`Removed item ${id}`));
  return 0;
};

/** `kobik items schema [--out f]`: the item JSON Schema, for editor completion. */
export const writeSchemaCommand: CommandBody<[{ out: string }]> = async (ctx, flags) => {
  const file = flags.out === "" ? ctx.paths.itemSchema : flags.out;
  writeItemSchema(file);
  ctx.out.result({ schema: file }, (r) =>
    ctx.out.line(
      `Wrote ${r.schema}\nAdd \`# yaml-language-server: $schema=${r.schema}\` to the top of an item file.`,
    ),
  );
  return 0;
};
