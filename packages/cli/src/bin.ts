#!/usr/bin/env node
import { nodeIo } from "./cli/node-io.js";
import { runCli } from "./cli/program.js";

runCli(process.argv.slice(2), nodeIo()).then((code) => {
  process.exitCode = code;
});
