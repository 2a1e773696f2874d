import { empty, isObject, json, readJson } from "../core/http.js";
import { areaScope, authenticate, type ScopeOp } from "./auth.js";
import type { ZohoRequestCtx } from "./context.js";
import { itemError, type ZohoItemError, zohoError } from "./errors.js";
import type { ZohoChannel, ZohoState } from "./state.js";
import { formatZohoTime, parseIsoWithOffset } from "./time.js";

const HOUR = 3600_000;
/** Longest channel life from v4 on (Kaizen #170); asking for more, or nothing, gives one hour. */
const MAX_EXPIRY = 7 * 24 * HOUR;
const EVENT = /^([A-Za-z_]+)\.(create|edit|delete|all)$/;

const auth = (request: Request, ctx: ZohoRequestCtx, op: ScopeOp) =>
  authenticate(request, ctx, [areaScope(["notifications"], op)]);

function fail(code: string, api_name: string, i: number, message = "invalid data"): ZohoItemError {
  return itemError(code, message, { api_name, json_path: `$.watch[${i}].${api_name}` });
}

function watchedModules(state: ZohoState, events: string[]): string[] {
  return [...new Set(events.map((e) => e.split(".")[0]!))].filter(
    (m) => m === "Notes" || state.modules.has(m),
  );
}

function parseChannel(
  ctx: ZohoRequestCtx,
  item: Record<string, unknown>,
  i: number,
  previous?: ZohoChannel,
): ZohoChannel | ZohoItemError {
  const id = item.channel_id ?? previous?.channelIdJson;
  if (id === undefined) return fail("MANDATORY_NOT_FOUND", "channel_id", i, "required field not found");
  if (!(typeof id === "number" && Number.isSafeInteger(id)) && !(typeof id === "string" && /^\d+$/.test(id)))
    return fail("INVALID_DATA", "channel_id", i);
  const events = item.events ?? previous?.events;
  if (!Array.isArray(events) || events.length === 0)
    return fail("MANDATORY_NOT_FOUND", "events", i, "required field not found");
  for (const e of events) {
    const m = typeof e === "string" ? EVENT.exec(e) : null;
    if (m === null || (m[1] !== "Notes" && !ctx.state.modules.has(m[1]!)))
      return fail("INVALID_DATA", "events", i);
  }
  const url = item.notify_url ?? previous?.notifyUrl;
  if (typeof url !== "string" || !/^https?:\/\/[^\s]+$/.test(url))
    return fail(url === undefined ? "MANDATORY_NOT_FOUND" : "INVALID_DATA", "notify_url", i);
  const token = item.token ?? previous?.token;
  if (token !== undefined && token !== null && (typeof token !== "string" || token.length > 50))
    return fail("INVALID_DATA", "token", i);
  const now = ctx.state.clock.now();
  let expiry = now + HOUR;
  if (item.channel_expiry !== undefined) {
    const ms = typeof item.channel_expiry === "string" ? parseIsoWithOffset(item.channel_expiry) : undefined;
    if (ms === undefined || ms <= now) return fail("INVALID_DATA", "channel_expiry", i);
    if (ms <= now + MAX_EXPIRY) expiry = ms;
  } else if (previous !== undefined) expiry = previous.expiry;
  return {
    channelId: String(id),
    channelIdJson: id as number | string,
    events: events as string[],
    notifyUrl: url,
    token: typeof token === "string" ? token : undefined,
    expiry,
    returnAffectedFieldValues: item.return_affected_field_values === true,
    notifyOnRelatedAction: item.notify_on_related_action !== false,
    resourceId: previous?.resourceId ?? ctx.state.nextId(),
    resourceBase: ctx.apiDomain,
  };
}

function subscribed(ctx: ZohoRequestCtx, c: ZohoChannel, message: string) {
  const expiry = formatZohoTime(c.expiry, ctx.state.offsetMinutes);
  const events = watchedModules(ctx.state, c.events).map((m) => ({
    channel_expiry: expiry,
    resource_uri: `${c.resourceBase}/crm/v8/${m}`,
    resource_id: c.resourceId,
    resource_name: m,
    channel_id: c.channelIdJson,
  }));
  return { code: "SUCCESS", details: { events }, message, status: "success" };
}

async function readWatch(request: Request): Promise<unknown[] | Response> {
  const body = await readJson(request);
  if (
    !body.ok ||
    !isObject(body.value) ||
    !Array.isArray(body.value.watch) ||
    body.value.watch.length === 0
  ) {
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "watch" });
  }
  return body.value.watch as unknown[];
}

/** POST (enable), PUT (replace) and PATCH (update) /crm/v8/actions/watch. */
export async function writeWatch(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const a = auth(request, ctx, request.method === "POST" ? "CREATE" : "UPDATE");
  if (a instanceof Response) return a;
  const items = await readWatch(request);
  if (items instanceof Response) return items;
  const results = items.map((raw, i) => {
    if (!isObject(raw)) return fail("INVALID_DATA", "watch", i);
    const existing = ctx.state.channels.get(String(raw.channel_id));
    if (request.method !== "POST" && existing === undefined) return fail("INVALID_DATA", "channel_id", i);
    const patch = request.method === "PATCH" ? existing : undefined;
    let body = raw;
    if (patch !== undefined && raw._delete_events === true && Array.isArray(raw.events)) {
      body = { ...raw, events: patch.events.filter((e) => !(raw.events as unknown[]).includes(e)) };
    } else if (patch !== undefined && Array.isArray(raw.events)) {
      body = { ...raw, events: [...new Set([...patch.events, ...(raw.events as string[])])] };
    }
    const channel = parseChannel(ctx, body, i, patch);
    if ("code" in channel) return channel;
    ctx.state.channels.set(channel.channelId, channel);
    return subscribed(ctx, channel, "Successfully subscribed for actions-watch of the given module");
  });
  const failures = results.filter((r) => r.status === "error").length;
  const ok = request.method === "POST" ? 201 : 200;
  return json(failures === 0 ? ok : failures === results.length ? 400 : 207, { watch: results });
}

/** GET /crm/v8/actions/watch */
export async function listWatch(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const a = auth(request, ctx, "READ");
  if (a instanceof Response) return a;
  const now = ctx.state.clock.now();
  const wantId = ctx.url.searchParams.get("channel_id");
  const wantModule = ctx.url.searchParams.get("module");
  const rows = [...ctx.state.channels.values()].filter(
    (c) =>
      c.expiry > now &&
      (wantId === null || c.channelId === wantId) &&
      (wantModule === null || watchedModules(ctx.state, c.events).includes(wantModule)),
  );
  if (rows.length === 0) return empty(204);
  const watch = rows.map((c) => ({
    channel_id: c.channelIdJson,
    events: c.events,
    notify_url: c.notifyUrl,
    token: c.token ?? null,
    channel_expiry: formatZohoTime(c.expiry, ctx.state.offsetMinutes),
    resource_id: c.resourceId,
    return_affected_field_values: c.returnAffectedFieldValues,
    notify_on_related_action: c.notifyOnRelatedAction,
  }));
  return json(200, { watch, info: { per_page: 200, count: watch.length, page: 1, more_records: false } });
}

/** DELETE /crm/v8/actions/watch?channel_ids=1,2 */
export async function deleteWatch(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const a = auth(request, ctx, "DELETE");
  if (a instanceof Response) return a;
  const raw = ctx.url.searchParams.get("channel_ids");
  if (raw === null || raw === "")
    return zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {
      param: "channel_ids",
    });
  const results = raw.split(",").map((id) => {
    const channel = ctx.state.channels.get(id);
    if (channel === undefined) return itemError("INVALID_DATA", "invalid channel id", { channel_id: id });
    ctx.state.channels.delete(id);
    return subscribed(ctx, channel, "Successfully unsubscribed from actions-watch");
  });
  return json(200, { watch: results });
}
