import { Agent, request } from "node:http";
import type { Target } from "./server-process.js";

/** Sends one GET and resolves with its status once the body was read. */
export type Send = () => Promise<number>;

/** A load generator: how the benchmark sends requests. */
export interface Driver {
  name: string;
  sender(target: Target): Send;
  close(): void;
}

/** Node's fetch (undici), what the Kobik clients send with. */
export function fetchDriver(): Driver {
  return {
    name: "fetch",
    sender: (target) => {
      const headers = { authorization: target.authorization };
      return async () => {
        const res = await fetch(target.url, { headers });
        await res.arrayBuffer();
        return res.status;
      };
    },
    close: () => undefined,
  };
}

/**
 * `node:http` with a keep-alive agent. It costs the benchmark process a fraction of fetch's CPU per
 * request, so on a 2-core machine more of the second core is left to the simulators and the
 * figure says more about them than about the load generator.
 */
export function nodeHttpDriver(concurrency: number): Driver {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    name: "node:http",
    sender: (target) => {
      const url = new URL(target.url);
      const options = { agent, headers: { authorization: target.authorization } };
      return () =>
        new Promise<number>((resolve, reject) => {
          const req = request(url, options, (res) => {
            res.resume();
            res.once("end", () => resolve(res.statusCode ?? 0));
            res.once("error", reject);
          });
          req.once("error", reject);
          req.end();
        });
    },
    close: () => agent.destroy(),
  };
}
