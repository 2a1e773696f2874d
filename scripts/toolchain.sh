#!/usr/bin/env bash
# Runs a command with a supported Node (>= 22.13, for node:sqlite) and the pnpm pinned in package.json on PATH.
# When the machine's own are missing or too old, both are installed from the npm registry into
# ./.tools (project-local; nothing global changes). Usage: scripts/toolchain.sh <command> [args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$root/package.json")
node_major=24

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=13)?0:1)'
}
pnpm_ok() { command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$pnpm_version" ]; }

# Machines behind a TLS-inspecting proxy keep its CA in the system bundle; a fresh HOME has no
# npmrc pointing at it, so hand the bundle to Node (npm, pnpm and our own processes) directly.
system_ca=/etc/ssl/certs/ca-certificates.crt
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r "$system_ca" ]; then export NODE_EXTRA_CA_CERTS="$system_ca"; fi

export PATH="$tools/node_modules/.bin:$PATH"
if ! node_ok || ! pnpm_ok; then
  echo "toolchain: installing node@$node_major and pnpm@$pnpm_version into .tools (one-time)" >&2
  # One command for both: a second 'npm install --prefix' would prune what the first installed.
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$tools" "node@$node_major" "pnpm@$pnpm_version" >&2
  hash -r
  node_ok || { echo "toolchain: node >= 22.13 still not available" >&2; exit 1; }
fi
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
exec "$@"
