import { type JiraContext, sendJson, sendVoid } from "../context.js";
import { JiraInputError, JiraUnsupportedAuthError } from "../errors.js";
import type { JiraWebhook, JiraWebhookDetails } from "../types.js";

/** Result of registering one webhook: its id, or Jira's reasons for refusing it. */
export type JiraWebhookRegistration = { ok: true; id: number } | { ok: false; errors: string[] };

/**
 * Dynamic webhooks (`/rest/api/3/webhook`) for OAuth 2.0 apps. They expire 30 days after
 * registration or the last refresh. Basic-auth and Forge callers get {@link JiraUnsupportedAuthError}
 * without a request: Jira answers 403 to them, and Forge apps use `trigger` modules instead.
 */
export interface WebhooksApi {
  register(url: string, webhooks: readonly JiraWebhookDetails[]): Promise<JiraWebhookRegistration[]>;
  /** Extends the webhooks' life; resolves the new expiry. */
  refresh(webhookIds: readonly number[]): Promise<Date | undefined>;
  delete(webhookIds: readonly number[]): Promise<void>;
  /** Streams the app's registered webhooks. */
  list(): AsyncIterable<JiraWebhook>;
}

function checkIds(ids: readonly number[]): number[] {
  if (ids.length === 0) throw new JiraInputError("webhookIds", "needs at least one id");
  ids.forEach((id, i) => {
    if (!Number.isSafeInteger(id)) throw new JiraInputError(`webhookIds[${i}]`, "must be an integer id");
  });
  return [...ids];
}

export function webhooksApi(ctx: JiraContext): WebhooksApi {
  const allowed = () => {
    if (ctx.auth.kind !== "oauth") {
      throw new JiraUnsupportedAuthError(
        `dynamic webhooks need OAuth 2.0 (3LO) auth, not "${ctx.auth.kind}"`,
        {
          code: "UNSUPPORTED_AUTH",
        },
      );
    }
  };
  async function* list(): AsyncGenerator<JiraWebhook> {
    allowed();
    let startAt = 0;
    for (;;) {
      const query = { startAt, maxResults: 100 };
      const page = await sendJson(ctx, () => ctx.api.GET("/rest/api/3/webhook", { params: { query } }));
      const values = page.values ?? [];
      yield* values;
      startAt += values.length;
      if (values.length === 0 || page.isLast !== false) return;
    }
  }
  return {
    async register(url, webhooks) {
      allowed();
      if (!/^https:\/\//.test(url)) throw new JiraInputError("url", "must be an https URL");
      if (webhooks.length === 0) throw new JiraInputError("webhooks", "needs at least one webhook");
      const body = { url, webhooks: [...webhooks] };
      const data = await sendJson(ctx, () => ctx.api.POST("/rest/api/3/webhook", { body }));
      return (data.webhookRegistrationResult ?? []).map(
        (r): JiraWebhookRegistration =>
          r.createdWebhookId !== undefined
            ? { ok: true, id: r.createdWebhookId }
            : { ok: false, errors: r.errors ?? [] },
      );
    },
    async refresh(webhookIds) {
      allowed();
      const body = { webhookIds: checkIds(webhookIds) };
      const data = await sendJson(ctx, () => ctx.api.PUT("/rest/api/3/webhook/refresh", { body }));
      return data.expirationDate === undefined ? undefined : new Date(data.expirationDate);
    },
    async delete(webhookIds) {
      allowed();
      const body = { webhookIds: checkIds(webhookIds) };
      await sendVoid(ctx, () => ctx.api.DELETE("/rest/api/3/webhook", { body }));
    },
    list,
  };
}
