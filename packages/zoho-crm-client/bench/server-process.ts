import { startBenchServer } from "./server.js";

// Runs the bench server in its own process, so its CPU and memory never count as the client's.
const server = await startBenchServer(Number(process.argv[2] ?? 50_000));
process.send?.({ url: server.url });
process.on("disconnect", () => {
  void server.close().then(() => process.exit(0));
});
