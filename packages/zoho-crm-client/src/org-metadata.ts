import { ZohoNotFoundError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import { moduleParam } from "./paging.js";
import type { ZohoField, ZohoLayout, ZohoModule, ZohoOrg } from "./types.js";

/** @internal */
export function orgApi(http: ZohoHttp) {
  /** The org; Zoho wraps it in an array of one. */
  async function get(): Promise<ZohoOrg> {
    const raw = await http.send((init) => http.api.GET("/org", init));
    const org = http.expect(raw)?.org?.[0];
    if (org === undefined) throw http.malformed('no "org" item', raw);
    return org;
  }
  return { get };
}

/** @internal */
export function metadataApi(http: ZohoHttp) {
  async function modules(): Promise<ZohoModule[]> {
    const raw = await http.send((init) => http.api.GET("/settings/modules", init));
    const data = http.expect(raw);
    if (data !== undefined && !Array.isArray(data.modules)) throw http.malformed('no "modules" array', raw);
    return data?.modules ?? [];
  }

  async function module(apiName: string): Promise<ZohoModule> {
    const path = { module: moduleParam(apiName, "apiName") };
    const raw = await http.send((init) =>
      http.api.GET("/settings/modules/{module}", { ...init, params: { path } }),
    );
    const found = http.expect(raw)?.modules?.[0];
    if (found === undefined)
      throw new ZohoNotFoundError(`no module ${apiName}`, { code: "NOT_FOUND", status: raw.response.status });
    return found;
  }

  /** Fields of a module; `type: "unused"` lists fields hidden from every layout. */
  async function fields(module: string, options: { type?: "all" | "unused" } = {}): Promise<ZohoField[]> {
    const query = { module: moduleParam(module), ...(options.type ? { type: options.type } : {}) };
    const raw = await http.send((init) => http.api.GET("/settings/fields", { ...init, params: { query } }));
    const data = http.expect(raw);
    if (data !== undefined && !Array.isArray(data.fields)) throw http.malformed('no "fields" array', raw);
    return data?.fields ?? [];
  }

  /** Layouts of a module, with sections and their fields (layout-level mandatory flags live here). */
  async function layouts(module: string): Promise<ZohoLayout[]> {
    const query = { module: moduleParam(module) };
    const raw = await http.send((init) => http.api.GET("/settings/layouts", { ...init, params: { query } }));
    const data = http.expect(raw);
    if (data !== undefined && !Array.isArray(data.layouts)) throw http.malformed('no "layouts" array', raw);
    return data?.layouts ?? [];
  }

  return { modules, module, fields, layouts };
}
