import { ZohoInputError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import { idParam, moduleParam, pagingParams } from "./paging.js";
import type { WriteOutcome, ZohoWatchChannel } from "./types.js";
import { itemsOf, toOutcome } from "./write-results.js";

/** A watch channel to enable or update. */
export interface WatchChannelInput {
  /** Client-chosen channel id (a long; sent as a JSON number, so it must be a safe integer). */
  channelId: string;
  /** `<ModuleAPIName>.<create|edit|delete|all>`, e.g. `Deals.edit`. */
  events: readonly string[];
  notifyUrl: string;
  /** Echoed in every callback; up to 50 characters. Use a random secret per channel. */
  token: string;
  /** Default 1 h; at most one week from now (v4+). Renew before it passes. */
  expiresAt?: Date;
  returnAffectedFieldValues?: boolean;
  /** Zoho's default is true; false skips notifications about related records. */
  notifyOnRelatedAction?: boolean;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;
const EVENT = /^[A-Za-z][A-Za-z0-9_]*\.(create|edit|delete|all)$/;

/** @internal */
export function notificationsApi(http: ZohoHttp) {
  function toWatch(channel: WatchChannelInput, i: number, extra: { deleteEvents?: boolean } = {}) {
    const at = (field: string) => `channels[${i}].${field}`;
    const id = Number(idParam(channel?.channelId, at("channelId")));
    if (!Number.isSafeInteger(id)) throw new ZohoInputError(at("channelId"), "must fit a safe integer");
    if (!Array.isArray(channel.events) || channel.events.length === 0)
      throw new ZohoInputError(at("events"), "at least one event");
    channel.events.forEach((e, j) => {
      if (typeof e !== "string" || !EVENT.test(e))
        throw new ZohoInputError(`${at("events")}[${j}]`, "not <Module>.<create|edit|delete|all>");
    });
    if (
      typeof channel.notifyUrl !== "string" ||
      !/^https?:\/\//.test(channel.notifyUrl) ||
      !URL.canParse(channel.notifyUrl)
    ) {
      throw new ZohoInputError(at("notifyUrl"), "an absolute http(s) URL");
    }
    if (typeof channel.token !== "string" || channel.token.length === 0 || channel.token.length > 50) {
      throw new ZohoInputError(at("token"), "1 to 50 characters");
    }
    return {
      channel_id: id,
      events: [...channel.events],
      notify_url: channel.notifyUrl,
      token: channel.token,
      ...(channel.expiresAt === undefined
        ? {}
        : { channel_expiry: expiry(channel.expiresAt, at("expiresAt"), http.now()) }),
      ...(channel.returnAffectedFieldValues === undefined
        ? {}
        : { return_affected_field_values: channel.returnAffectedFieldValues }),
      ...(channel.notifyOnRelatedAction === undefined
        ? {}
        : { notify_on_related_action: channel.notifyOnRelatedAction }),
      ...(extra.deleteEvents ? { _delete_events: true } : {}),
    };
  }

  const outcomes = (raw: Parameters<typeof itemsOf>[1], n: number): WriteOutcome[] =>
    itemsOf(http, raw, "watch", n).map((item, i) => toOutcome(item, i));

  /** Subscribes channels; one outcome per channel. */
  async function enable(channels: readonly WatchChannelInput[]): Promise<WriteOutcome[]> {
    const watch = nonEmpty(channels).map((c, i) => toWatch(c, i));
    const raw = await http.send((init) => http.api.POST("/actions/watch", { ...init, body: { watch } }));
    return outcomes(raw, watch.length);
  }

  /** Changes channels in place (PATCH); `removeEvents` drops the listed events instead of adding them. */
  async function update(
    channels: readonly WatchChannelInput[],
    options: { removeEvents?: boolean } = {},
  ): Promise<WriteOutcome[]> {
    const watch = nonEmpty(channels).map((c, i) =>
      toWatch(c, i, { deleteEvents: options.removeEvents ?? false }),
    );
    const raw = await http.send((init) => http.api.PATCH("/actions/watch", { ...init, body: { watch } }));
    return outcomes(raw, watch.length);
  }

  /** Unsubscribes whole channels. */
  async function disable(channelIds: readonly string[]): Promise<WriteOutcome[]> {
    const ids = nonEmpty(channelIds).map((id, i) => idParam(id, `channelIds[${i}]`));
    const raw = await http.send((init) =>
      http.api.DELETE("/actions/watch", { ...init, params: { query: { channel_ids: ids.join(",") } } }),
    );
    return outcomes(raw, ids.length);
  }

  /** Active channels, optionally for one module. */
  async function list(
    options: { module?: string; page?: number; perPage?: number } = {},
  ): Promise<ZohoWatchChannel[]> {
    const query = {
      ...(options.module ? { module: moduleParam(options.module) } : {}),
      ...pagingParams(options.page, options.perPage),
    };
    const raw = await http.send((init) => http.api.GET("/actions/watch", { ...init, params: { query } }));
    return http.expect(raw)?.watch ?? [];
  }

  return { enable, update, disable, list };
}

function nonEmpty<T>(items: readonly T[]): readonly T[] {
  if (!Array.isArray(items) || items.length === 0) throw new ZohoInputError("channels", "at least one");
  return items;
}

function expiry(at: Date, field: string, now: number): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new ZohoInputError(field, "a Date");
  if (at.getTime() <= now || at.getTime() > now + WEEK_MS)
    throw new ZohoInputError(field, "within the next 7 days");
  return `${at.toISOString().slice(0, 19)}+00:00`;
}
