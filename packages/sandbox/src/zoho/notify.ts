import type { ZohoChannel, ZohoState } from "./state.js";

/** A record change, as the Notification API reports it. */
export interface RecordChange {
  module: string;
  operation: "create" | "edit" | "delete";
  ids: string[];
  /** Changed field names per record id (edits only). */
  affected?: Map<string, string[]>;
}

const OPERATION_NAME = { create: "insert", edit: "update", delete: "delete" } as const;

function listens(channel: ZohoChannel, change: RecordChange): boolean {
  return (
    channel.events.includes(`${change.module}.${change.operation}`) ||
    channel.events.includes(`${change.module}.all`)
  );
}

function queryParams(url: string): Record<string, string> {
  try {
    return Object.fromEntries(new URL(url).searchParams);
  } catch {
    return {};
  }
}

/**
 * Sends one callback per listening channel for a change. API writes notify too: nothing in the
 * Notification API suppresses callbacks for the caller's own writes (`trigger: []` only stops
 * workflows), which is why sync engines must recognise their own echoes.
 */
export function notifyChange(state: ZohoState, change: RecordChange): void {
  if (change.ids.length === 0) return;
  const now = state.clock.now();
  for (const channel of state.channels.values()) {
    if (channel.expiry <= now || !listens(channel, change)) continue;
    const payload: Record<string, unknown> = {
      server_time: now,
      query_params: queryParams(channel.notifyUrl),
      module: change.module,
      resource_uri: `${channel.resourceBase}/crm/v8/${change.module}`,
      ids: change.ids,
      operation: OPERATION_NAME[change.operation],
      channel_id: channel.channelIdJson,
      token: channel.token ?? null,
    };
    if (channel.returnAffectedFieldValues && change.affected !== undefined) {
      payload.affected_fields = [...change.affected].map(([id, fields]) => ({ [id]: fields }));
    }
    state.deliveries.enqueue(
      channel.notifyUrl,
      { "content-type": "application/json" },
      JSON.stringify(payload),
    );
  }
}

/** Records what workflows a write would have started; `trigger: []` starts none. */
export function recordWorkflow(state: ZohoState, change: RecordChange, trigger: string[] | undefined): void {
  const triggers = trigger ?? ["workflow", "approval", "blueprint"];
  if (triggers.length === 0) return;
  for (const id of change.ids) {
    state.workflowRuns.push({
      module: change.module,
      id,
      operation: change.operation,
      triggers,
      at: state.clock.now(),
    });
  }
}
