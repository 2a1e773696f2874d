import type { RouteHandler, RouteMatch } from "../core/router.js";
import type { JiraState } from "./state.js";

/** Per-request context of the Jira simulator. */
export interface JiraCtx {
  state: JiraState;
  /** `https://<site>.atlassian.net` or the loopback origin: what `self` links start with. */
  base: string;
}

export type JiraHandler = RouteHandler<JiraCtx>;
export type JiraRequestCtx = JiraCtx & RouteMatch;
