import type { HttpHandler } from "msw";
import type { DeliveryQueue } from "./delivery.js";
import { mswHandlerFor } from "./msw.js";
import { listenLoopback } from "./node-server.js";
import type { Pipeline } from "./pipeline.js";

/** How a simulator is served: on a loopback port, or only through its msw handlers. */
export type ServeMode = { kind: "loopback"; port?: number } | { kind: "msw-only" };

/** The two mounts of one pipeline. */
export interface Mounted {
  url: string | undefined;
  handlers: HttpHandler[];
  close(): Promise<void>;
}

/**
 * Mounts a pipeline. `onUrl` runs before the first request is served so the simulator can
 * recognise its own loopback origin.
 */
export async function mount(
  pipeline: Pipeline,
  serve: ServeMode,
  deliveries: DeliveryQueue,
  onUrl: (url: string) => void,
): Promise<Mounted> {
  const closed = new AbortController();
  const handlers = [mswHandlerFor(pipeline, closed.signal)];
  if (serve.kind === "msw-only") {
    return {
      url: undefined,
      handlers,
      close: async () => {
        closed.abort();
        deliveries.close();
      },
    };
  }
  const server = await listenLoopback(pipeline, serve.port ?? 0, onUrl);
  return {
    url: server.url,
    handlers,
    close: async () => {
      closed.abort();
      deliveries.close();
      await server.close();
    },
  };
}
