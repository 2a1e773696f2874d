import { type HttpHandler, HttpResponse, http } from "msw";
import { TextResponse } from "./http.js";
import type { Pipeline } from "./pipeline.js";

function hangUntilAborted(request: Request, closed: AbortSignal): Promise<Response> {
  return new Promise((resolve) => {
    const give = (): void => resolve(HttpResponse.error());
    if (request.signal.aborted || closed.aborted) return give();
    request.signal.addEventListener("abort", give, { once: true });
    closed.addEventListener("abort", give, { once: true });
  });
}

/**
 * Mounts a pipeline as one msw handler whose predicate is "this URL belongs to the simulator".
 * A connection reset becomes a network error; a hang waits for the request's abort signal.
 */
export function mswHandlerFor(pipeline: Pipeline, closed: AbortSignal): HttpHandler {
  return http.all(
    ({ request }) => pipeline.owns(new URL(request.url)),
    async ({ request }) => {
      const outcome = await pipeline.handle(request);
      switch (outcome.kind) {
        case "response":
          // msw passes responses on to interceptors we do not control: give them a standard one.
          return outcome.response instanceof TextResponse ? outcome.response.toStandard() : outcome.response;
        case "reset":
          return HttpResponse.error();
        case "hang":
          return hangUntilAborted(request, closed);
      }
    },
  );
}
