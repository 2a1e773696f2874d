#!/usr/bin/env node
import { enableCompileCache } from "node:module";

// Before anything else loads: Node keeps V8's compiled code of every module it loads after this call,
// so the next `kobik` skips most of the compiling (see README, "Start-up"). The cache lives where Node
// puts it ($NODE_COMPILE_CACHE, else <os tmpdir>/node-compile-cache); NODE_DISABLE_COMPILE_CACHE=1
// turns it off. An unwritable directory only makes Node skip the cache, which never stops the command.
try {
  enableCompileCache();
} catch {
  // Not worth a message: the command runs the same, only its start is slower.
}

// Loaded after the cache is on; the program itself loads each command's modules only when it runs.
Promise.all([import("./cli/program.js"), import("./cli/node-io.js")]).then(
  async ([{ runCli }, { nodeIo }]) => {
    process.exitCode = await runCli(process.argv.slice(2), nodeIo());
  },
);
