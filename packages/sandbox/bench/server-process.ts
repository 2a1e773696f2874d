import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** One benchmark target: a URL and the credentials it needs. */
export interface Target {
  url: string;
  authorization: string;
}

/** The simulators' process, seen from the benchmark. */
export interface ServerProcess {
  targets: { zoho: Target; jira: Target };
  /** CPU time (user + system, µs) the server process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts bench/serve.ts in a child process and reads the URLs it prints. */
export async function startServer(execArgv: readonly string[] = []): Promise<ServerProcess> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawn(
    process.execPath,
    [...execArgv, "--import", "tsx", "--conditions=@kobik/source", join(here, "serve.ts")],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`bench server exited with ${child.exitCode}`);
    return line.value;
  };
  const targets = JSON.parse(await next()) as ServerProcess["targets"];
  return {
    targets,
    cpuMicros: async () => {
      child.stdin.write("cpu\n");
      return (JSON.parse(await next()) as { cpuMicros: number }).cpuMicros;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.stdin.end();
      }),
  };
}
