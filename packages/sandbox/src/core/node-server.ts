import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import { TextResponse } from "./http.js";
import type { Outcome, Pipeline } from "./pipeline.js";

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, url: URL): Request {
  // Header pairs in one init are cheaper than a Headers built by append; duplicates still append.
  const raw = req.rawHeaders;
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers: pairs,
    // Bodies stream through; the handler reads them only when it needs them.
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null,
    duplex: "half",
  } as RequestInit);
}

function headersOf(response: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  return headers;
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers = headersOf(response);
  if (response instanceof TextResponse) {
    // A string body lets Node send head and body in one write instead of a writev of two buffers.
    headers["content-length"] = String(Buffer.byteLength(response.bodyText));
    res.writeHead(response.status, headers);
    res.end(response.bodyText);
    return;
  }
  // Other bodies (attachments, plain text) are in memory too: one write beats a write per chunk.
  const bytes = response.body === null ? undefined : Buffer.from(await response.arrayBuffer());
  if (bytes !== undefined) headers["content-length"] = String(bytes.byteLength);
  res.writeHead(response.status, headers);
  res.end(bytes);
}

async function act(outcome: Outcome, req: IncomingMessage, res: ServerResponse, hung: Set<Socket>) {
  switch (outcome.kind) {
    case "response":
      return writeResponse(res, outcome.response);
    case "reset":
      req.socket.resetAndDestroy();
      return;
    case "hang":
      // Held until the client gives up or the server closes.
      hung.add(req.socket);
      req.socket.once("close", () => hung.delete(req.socket));
      return;
  }
}

/**
 * Serves a pipeline on 127.0.0.1 with a random port. Converts Node's request into a web `Request`
 * and streams the web `Response` back; nothing else lives here.
 */
export async function listenLoopback(
  pipeline: Pipeline,
  port = 0,
  onUrl?: (url: string) => void,
): Promise<LoopbackServer> {
  const hung = new Set<Socket>();
  let base = "http://127.0.0.1";
  const server: Server = createServer({ keepAlive: true }, (req, res) => {
    const url = new URL(req.url ?? "/", base);
    pipeline
      .handle(toRequest(req, url), url)
      .then((outcome) => act(outcome, req, res, hung))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(`simulator error: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onUrl?.(base);
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of hung) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
