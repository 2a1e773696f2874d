import type { Server } from "node:http";
import { verifyJiraWebhook } from "@kobik/jira-client";
import { paginate } from "@kobik/storage";
import { parseZohoNotification } from "@kobik/zoho-crm-client";
import type { CommandBody, CommandContext } from "../cli/context.js";
import { createEngineHost, type EngineHost, stderrLogger } from "../cli/engine-host.js";
import { UsageError } from "../cli/errors.js";
import { exitCodeOf, summarise } from "../cli/run-summary.js";
import { writeChannelState } from "../watch/channel-state.js";
import { parseInterval, pause } from "../watch/interval.js";
import { createSerialQueue } from "../watch/queue.js";
import { createReceiver, type Delivery, type Verifier } from "../watch/receiver.js";
import { type Registration, register } from "../watch/registration.js";
import { type ChannelKeepAlive, keepChannelAlive } from "../watch/renewal.js";
import { syncItems } from "./sync.js";

interface WatchFlags {
  every: string;
  item?: string;
  listen?: string;
  publicUrl?: string;
}

function listenFlags(flags: WatchFlags): { port: number; publicUrl: string } | null {
  if (flags.listen === undefined && flags.publicUrl === undefined) return null;
  const port = Number(flags.listen);
  if (flags.listen === undefined || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(
      "--listen needs a port number (0 picks a free one).",
      "Pass --listen <port> --public-url <https://...>.",
    );
  }
  if (!flags.publicUrl || !URL.canParse(flags.publicUrl) || !/^https?:\/\//.test(flags.publicUrl)) {
    throw new UsageError(
      "--listen needs --public-url: the address Zoho and Jira can reach this machine at.",
      "Pass --public-url https://<tunnel-or-host>.",
    );
  }
  return { port, publicUrl: flags.publicUrl };
}

function verifier(registration: () => Registration | null): Verifier {
  return async (delivery) => {
    const reg = registration();
    if (!reg) return { status: 503, message: "starting" };
    try {
      if (delivery.source === "zoho")
        parseZohoNotification(delivery.body, {
          expectedToken: reg.channelToken,
          channelIds: [reg.channelId],
        });
      else
        await verifyJiraWebhook({
          rawBody: delivery.body,
          headers: delivery.headers,
          secret: reg.jiraSecret,
        });
      return null;
    } catch {
      return { status: 401, message: "verification failed" };
    }
  };
}

async function handle(ctx: CommandContext, host: EngineHost, delivery: Delivery): Promise<void> {
  const result =
    delivery.source === "zoho"
      ? await host.engine.handleZohoNotification(delivery.body)
      : await host.engine.handleJiraEvent(JSON.parse(delivery.body), { signatureVerified: true });
  for (const r of result.results) ctx.out.note(`push ${result.event} -> ${r.itemId}: ${summarise(r)}`);
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  const address = server.address();
  return typeof address === "object" && address ? address.port : port;
}

/** Everything `watch` holds open, so shutdown can release it in order. */
interface Session {
  host: EngineHost | null;
  server: Server | null;
  registration: Registration | null;
  keepAlive: ChannelKeepAlive | null;
}

async function startListening(
  ctx: CommandContext,
  session: Session,
  l: { port: number; publicUrl: string },
  queue: ReturnType<typeof createSerialQueue>,
) {
  const store = ctx.store();
  const items = [];
  for await (const item of paginate((p) => store.items.list({ ...p, enabled: true }), 100)) items.push(item);
  session.server = createReceiver(
    verifier(() => session.registration),
    (delivery) => {
      queue
        .push(() => handle(ctx, session.host!, delivery))
        .catch((error: unknown) => ctx.out.note(`push failed: ${(error as Error).message}`));
    },
  );
  const port = await listen(session.server, l.port);
  ctx.out.note(`Listening on port ${port} for Zoho notifications and Jira webhooks (${l.publicUrl})`);
  session.registration = await register(session.host!, items, l.publicUrl);
  const token = session.registration.channelToken;
  session.host = await createEngineHost({
    store,
    logger: stderrLogger(ctx.out.stderr, ctx.io.env.KOBIK_LOG),
    zohoChannel: { token, channelIds: [session.registration.channelId] },
  });
  ctx.out.note(
    `Registered Zoho channel ${session.registration.channelId} (expires ${session.registration.expiresAt.toISOString()}, renewed at 90% of its life) and a Jira webhook`,
  );
  session.keepAlive = keepChannelAlive({
    registration: session.registration,
    settings: store.settings,
    log: (line) => ctx.out.note(line),
  });
}

async function shutdown(ctx: CommandContext, session: Session, queue: ReturnType<typeof createSerialQueue>) {
  session.server?.close();
  await session.keepAlive?.stop();
  await queue.idle();
  const registration = session.registration;
  if (!registration) return;
  const removals = await registration.remove();
  for (const r of removals) {
    ctx.out.note(
      r.kind === "removed" ? `Removed ${r.what}` : `could not remove ${r.what}: ${r.message} ${r.next}`,
    );
  }
  // A channel Zoho would not disable stays "active" in status until its expiry passes.
  if (removals.some((r) => r.target === "zoho-channel" && r.kind === "removed")) {
    writeChannelState(ctx.store().settings, {
      kind: "removed",
      channelId: registration.channelId,
      removedAt: new Date().toISOString(),
    });
  }
}

/** `kobik watch`: cycles on a schedule until Ctrl-C / SIGTERM; `--listen` also applies push events. */
export const watchCommand: CommandBody<[WatchFlags]> = async (ctx, flags) => {
  const everyMs = parseInterval(flags.every);
  const push = listenFlags(flags);
  const stop = new AbortController();
  const unsubscribe = ctx.io.onShutdown((signal) => {
    ctx.out.note(`${signal}: finishing the current batch, then stopping`);
    stop.abort();
  });
  const queue = createSerialQueue();
  const session: Session = { host: null, server: null, registration: null, keepAlive: null };
  let worst: 0 | 1 = 0;
  try {
    if (push) {
      session.host = await createEngineHost({
        store: ctx.store(),
        logger: stderrLogger(ctx.out.stderr, ctx.io.env.KOBIK_LOG),
      });
      await startListening(ctx, session, push, queue);
    }
    while (!stop.signal.aborted) {
      const results = await queue.push(() =>
        syncItems(ctx, { ...(flags.item ? { item: flags.item } : {}), trigger: "schedule" }),
      );
      if (exitCodeOf(results) === 1) worst = 1;
      ctx.out.note(`next cycle in ${flags.every} (Ctrl-C stops)`);
      await pause(everyMs, stop.signal);
    }
  } finally {
    await shutdown(ctx, session, queue);
    unsubscribe();
  }
  return worst;
};
