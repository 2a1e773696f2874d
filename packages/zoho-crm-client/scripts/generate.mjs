// Regenerates src/generated/zoho-crm.ts from spec/zoho-crm.yaml, or with --check, regenerates into
// a temporary file and fails when the committed output is stale (run by `turbo run generate:check`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const spec = join(root, "spec/zoho-crm.yaml");
const committed = join(root, "src/generated/zoho-crm.ts");
const bin = join(root, "node_modules/.bin/openapi-typescript");

function generate(out) {
  execFileSync(bin, [spec, "-o", out], { stdio: ["ignore", "ignore", "inherit"] });
}

if (process.argv.includes("--check")) {
  const dir = mkdtempSync(join(tmpdir(), "zoho-gen-"));
  try {
    const fresh = join(dir, "zoho-crm.ts");
    generate(fresh);
    if (readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8")) {
      console.error(
        "src/generated/zoho-crm.ts is stale: run `pnpm --filter @kobik/zoho-crm-client generate`",
      );
      process.exit(1);
    }
    console.log("src/generated/zoho-crm.ts is up to date");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  generate(committed);
}
