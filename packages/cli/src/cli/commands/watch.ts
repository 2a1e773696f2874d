import type { Register } from "../program.js";

/** `kobik watch`: cycles on a schedule, plus push events with `--listen`. */
export const registerWatch: Register = (program, wrap) => {
  program
    .command("watch")
    .description(
      "sync on a schedule; with --listen also apply Zoho notifications and Jira webhooks as they arrive",
    )
    .option("--every <duration>", "time between cycles, e.g. 30s, 5m, 1h", "5m")
    .option("--item <id>", "only this item")
    .option("--listen <port>", "receive push events on this port (0 = any free port)")
    .option("--public-url <url>", "the URL Zoho and Jira reach --listen at (e.g. a tunnel)")
    .action(wrap(async () => (await import("../../commands/watch.js")).watchCommand));
};
