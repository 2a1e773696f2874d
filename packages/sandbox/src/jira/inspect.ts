import type { CallCounter } from "../core/calls.js";
import type { DeliveryRecord } from "../core/delivery.js";
import type { Pipeline } from "../core/pipeline.js";
import { findIssue } from "./issues.js";
import { issueJson, selectFields } from "./render.js";
import type { JiraState, JiraWebhook } from "./state.js";

/** Direct reads of the Jira simulator's state, for assertions. */
export interface JiraInspector {
  calls(): Record<string, number>;
  resetCalls(): void;
  /** An issue as `GET /issue/{key}?fields=*all&properties=*all` renders it. */
  issue(key: string): Record<string, unknown> | undefined;
  /** Keys of every issue, oldest first. */
  issueKeys(): string[];
  webhooks(): readonly JiraWebhook[];
  deliveries(): readonly DeliveryRecord[];
  inFlight(): number;
}

export function jiraInspector(state: JiraState, calls: CallCounter, pipeline: Pipeline): JiraInspector {
  return {
    calls: () => calls.snapshot(),
    resetCalls: () => calls.reset(),
    issue: (key) => {
      const issue = findIssue(state, key);
      return issue === undefined
        ? undefined
        : issueJson(state, state.baseUrl, issue, selectFields(state, undefined), ["*all"]);
    },
    issueKeys: () => [...state.issues.values()].map((i) => i.key),
    webhooks: () => [...state.webhooks.values()],
    deliveries: () => state.deliveries.records(),
    inFlight: () => pipeline.inFlight(),
  };
}
