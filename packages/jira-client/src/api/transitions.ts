import { type JiraContext, sendJson, sendVoid } from "../context.js";
import { JiraInputError, JiraNoTransitionError } from "../errors.js";
import type { JiraTransition } from "../types.js";

/** Extra input for a transition whose screen has fields. */
export interface TransitionInput {
  fields?: Record<string, unknown>;
  update?: Record<string, Array<Record<string, unknown>>>;
}

/** Workflow transitions: the only way to change an issue's status. */
export interface TransitionsApi {
  /** Transitions available from the issue's current status (empty without the permission). */
  list(issueIdOrKey: string): Promise<JiraTransition[]>;
  /** Performs a transition by id. */
  perform(issueIdOrKey: string, transitionId: string, input?: TransitionInput): Promise<void>;
  /**
   * Moves the issue to the status named `statusName` (case-insensitive) through the transition
   * that leads there, and returns it; throws {@link JiraNoTransitionError} listing reachable statuses.
   */
  transitionTo(issueIdOrKey: string, statusName: string, input?: TransitionInput): Promise<JiraTransition>;
}

function checkKey(issueIdOrKey: string): void {
  if (typeof issueIdOrKey !== "string" || issueIdOrKey.trim() === "") {
    throw new JiraInputError("issueIdOrKey", "must be an issue id or key");
  }
}

export function transitionsApi(ctx: JiraContext): TransitionsApi {
  const list = async (issueIdOrKey: string) => {
    checkKey(issueIdOrKey);
    const data = await sendJson(ctx, () =>
      ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}/transitions", { params: { path: { issueIdOrKey } } }),
    );
    return data.transitions ?? [];
  };
  const perform = async (issueIdOrKey: string, transitionId: string, input: TransitionInput = {}) => {
    checkKey(issueIdOrKey);
    if (!transitionId) throw new JiraInputError("transitionId", "must not be empty");
    return sendVoid(ctx, () =>
      ctx.api.POST("/rest/api/3/issue/{issueIdOrKey}/transitions", {
        params: { path: { issueIdOrKey } },
        body: { transition: { id: transitionId }, ...input },
      }),
    );
  };
  return {
    list,
    perform,
    async transitionTo(issueIdOrKey, statusName, input) {
      if (!statusName?.trim()) throw new JiraInputError("statusName", "must not be empty");
      const wanted = statusName.trim().toLocaleLowerCase();
      const available = await list(issueIdOrKey);
      const match = available.find((t) => t.to?.name?.trim().toLocaleLowerCase() === wanted);
      if (match === undefined) {
        const targets = [...new Set(available.map((t) => t.to?.name).filter((n): n is string => Boolean(n)))];
        throw new JiraNoTransitionError(issueIdOrKey, statusName, targets);
      }
      await perform(issueIdOrKey, match.id, input);
      return match;
    },
  };
}
