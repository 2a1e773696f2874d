import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startServer } from "./server.js";

// Run as a child (`fork`), this file serves the bench server and reports its URL over IPC; imported,
// `startServerProcess` starts that child. The server's CPU then never competes with the client's
// event loop, and its memory never counts as the client's.
if (process.send !== undefined && process.argv[2] === "--child") {
  const { url, server } = await startServer();
  process.send({ url });
  process.on("disconnect", () => server.close(() => process.exit(0)));
}

/** Starts the bench server in a child process (same tsx loader) and resolves its URL. */
export function startServerProcess(): { url: Promise<string>; stop(): void } {
  const child = fork(fileURLToPath(import.meta.url), ["--child"], { execArgv: process.execArgv });
  const url = new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, stop: () => child.disconnect() };
}
