import type { RouteHandler, RouteMatch } from "../core/router.js";
import type { ZohoArea, ZohoDc } from "./dc.js";
import type { ZohoState } from "./state.js";

/** Per-request context of the Zoho simulator. */
export interface ZohoCtx {
  state: ZohoState;
  dc: ZohoDc;
  area: ZohoArea;
  /** The `api_domain` a token minted through this host points at. */
  apiDomain: string;
}

/** Zoho handler type. */
export type ZohoHandler = RouteHandler<ZohoCtx>;

/** Full context handed to route handlers. */
export type ZohoRequestCtx = ZohoCtx & RouteMatch;
