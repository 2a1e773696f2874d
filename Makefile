# Entry points for a fresh machine: each target brings its own Node and pnpm (scripts/toolchain.sh).
TOOL := scripts/toolchain.sh

.PHONY: install demo test build bench lint
install:
	$(TOOL) pnpm install --frozen-lockfile

demo: install
	$(TOOL) pnpm --filter @kobik/cli run demo

test: install
	$(TOOL) pnpm test

build: install
	$(TOOL) pnpm build

bench: install
	$(TOOL) pnpm bench

lint: install
	$(TOOL) pnpm lint
