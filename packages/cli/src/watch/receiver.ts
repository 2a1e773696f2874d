import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/** A verified delivery, ready for the engine. */
export type Delivery =
  | { readonly source: "zoho"; readonly body: string }
  | { readonly source: "jira"; readonly body: string; readonly headers: Record<string, string> };

/** Checks a delivery before it is accepted: returns a status and message to refuse it, or `null`. */
export type Verifier = (delivery: Delivery) => Promise<{ status: number; message: string } | null>;

/** Largest body accepted; Zoho and Jira event bodies are far smaller. */
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") out[k] = v;
  return out;
}

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain" }).end(`${message}\n`);
}

/** Paths the receiver answers on. */
export const RECEIVER_PATHS = { zoho: "/zoho/notify", jira: "/jira/webhook" } as const;

/**
 * An HTTP server for Zoho notifications and Jira webhooks. Each delivery is verified (token or
 * signature) before it is acknowledged; accepted ones go to `accept`, which queues them, so the
 * sender gets its 200 at once and never times out waiting on a sync.
 */
export function createReceiver(verify: Verifier, accept: (delivery: Delivery) => void): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://receiver").pathname;
    const source = path === RECEIVER_PATHS.zoho ? "zoho" : path === RECEIVER_PATHS.jira ? "jira" : null;
    if (req.method !== "POST" || source === null) return reply(res, 404, "not found");
    try {
      const body = await readBody(req);
      if (body === null) return reply(res, 413, "body too large");
      const delivery: Delivery =
        source === "zoho" ? { source, body } : { source, body, headers: headersOf(req) };
      const refusal = await verify(delivery);
      if (refusal) return reply(res, refusal.status, refusal.message);
      accept(delivery);
      reply(res, 200, "accepted");
    } catch {
      reply(res, 500, "internal error");
    }
  });
}
