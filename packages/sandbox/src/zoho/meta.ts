import { empty, intParam, json } from "../core/http.js";
import { areaScope, authenticate } from "./auth.js";
import type { ZohoRequestCtx } from "./context.js";
import { zohoError } from "./errors.js";
import type { ZohoFieldSpec, ZohoModuleSpec } from "./schema.js";
import { lengthOf } from "./schema.js";
import { fullName, type ZohoState, type ZohoUser } from "./state.js";
import { formatZohoTime } from "./time.js";

const JSON_TYPE: Record<string, string> = {
  integer: "integer",
  bigint: "string",
  double: "double",
  currency: "double",
  percent: "double",
  boolean: "boolean",
  lookup: "jsonobject",
  ownerlookup: "jsonobject",
  multiselectpicklist: "jsonarray",
};

function fieldId(module: ZohoModuleSpec, index: number): string {
  const base = [...module.api_name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 90_000, 7);
  return `584322100${String(10_000 + base).padStart(5, "0")}${String(index).padStart(5, "0")}`;
}

function renderField(module: ZohoModuleSpec, field: ZohoFieldSpec, index: number): Record<string, unknown> {
  return {
    api_name: field.api_name,
    id: fieldId(module, index),
    field_label: field.label ?? field.api_name.replaceAll("_", " "),
    data_type: field.data_type,
    json_type: JSON_TYPE[field.data_type] ?? "string",
    length: lengthOf(field),
    system_mandatory: field.mandatory === true && field.custom_field !== true,
    read_only: field.read_only === true,
    custom_field: field.custom_field === true,
    unique: field.unique === true ? { casesensitive: "false" } : {},
    pick_list_values: (field.pick_list_values ?? []).map((v, i) => ({
      display_value: v,
      actual_value: v,
      sequence_number: i + 1,
      id: `${fieldId(module, index)}${i}`,
    })),
    lookup: field.lookup === undefined ? {} : { module: { api_name: field.lookup, id: field.lookup } },
    visible: true,
  };
}

function moduleMeta(spec: ZohoModuleSpec, index: number): Record<string, unknown> {
  return {
    api_name: spec.api_name,
    module_name: spec.api_name,
    singular_label: spec.singular_label,
    plural_label: spec.plural_label,
    id: `5843221000000${String(2000 + index).padStart(6, "0")}`,
    api_supported: true,
    generated_type: "default",
    creatable: true,
    editable: true,
    deletable: true,
    viewable: true,
    status: "visible",
  };
}

const settings = (request: Request, ctx: ZohoRequestCtx, area: string) =>
  authenticate(request, ctx, [areaScope(["settings", area], "READ")]);

function moduleParam(ctx: ZohoRequestCtx, name: string | null): ZohoModuleSpec | Response {
  if (name === null)
    return zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {
      param: "module",
    });
  return (
    ctx.state.modules.get(name)?.spec ??
    zohoError(400, "INVALID_MODULE", "the module name given seems to be invalid", { param: "module" })
  );
}

/** GET /crm/v8/settings/modules and /settings/modules/{api_name} */
export async function getModules(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = settings(request, ctx, "modules");
  if (auth instanceof Response) return auth;
  const specs = [...ctx.state.modules.values()].map((s) => s.spec);
  const name = ctx.params.module;
  if (name === undefined) return json(200, { modules: specs.map(moduleMeta) });
  const index = specs.findIndex((s) => s.api_name === name);
  if (index < 0) return zohoError(400, "INVALID_MODULE", "the module name given seems to be invalid");
  return json(200, {
    modules: [
      {
        ...moduleMeta(specs[index]!, index),
        fields: specs[index]!.fields.map((f, i) => renderField(specs[index]!, f, i)),
      },
    ],
  });
}

/** GET /crm/v8/settings/fields?module=, /settings/fields/{id}?module= */
export async function getFields(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = settings(request, ctx, "fields");
  if (auth instanceof Response) return auth;
  const spec = moduleParam(ctx, ctx.url.searchParams.get("module"));
  if (spec instanceof Response) return spec;
  const fields = spec.fields.map((f, i) => renderField(spec, f, i));
  if (ctx.params.id === undefined) return json(200, { fields });
  const one = fields.find((f) => f.id === ctx.params.id);
  return one === undefined
    ? zohoError(400, "INVALID_DATA", "the id given seems to be invalid", { id: ctx.params.id })
    : json(200, { fields: [one] });
}

/** GET /crm/v8/settings/layouts?module=: one standard layout holding every field. */
export async function getLayouts(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = settings(request, ctx, "layouts");
  if (auth instanceof Response) return auth;
  const spec = moduleParam(ctx, ctx.url.searchParams.get("module"));
  if (spec instanceof Response) return spec;
  const fields = spec.fields.map((f, i) => ({ ...renderField(spec, f, i), required: f.mandatory === true }));
  const layout = {
    id: `${fieldId(spec, 0)}9`,
    name: "Standard",
    status: "active",
    visible: true,
    sections: [
      {
        display_label: `${spec.singular_label} Information`,
        api_name: `${spec.singular_label.replaceAll(" ", "_")}_Information`,
        sequence_number: 1,
        fields,
      },
    ],
  };
  return json(200, { layouts: [layout] });
}

/** GET /crm/v8/org */
export async function getOrg(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = authenticate(request, ctx, [areaScope(["org"], "READ")]);
  if (auth instanceof Response) return auth;
  const s = ctx.state;
  const admin = s.users[0]!;
  return json(200, {
    org: [
      {
        id: s.orgId,
        company_name: s.companyName,
        alias: null,
        primary_email: admin.email,
        primary_zuid: `7${admin.id.slice(-8)}`,
        zgid: s.orgId.slice(-9),
        domain_name: `org${s.orgId.slice(-9)}`,
        type: "production",
        time_zone: s.timeZoneName,
        currency: "US Dollar - USD",
        currency_symbol: "$",
        iso_code: "USD",
        country_code: s.defaultDc.toUpperCase(),
        max_per_page: 200,
        mc_status: false,
        hipaa_compliance_enabled: false,
        gapps_enabled: false,
        translation_enabled: false,
        license_details: {
          paid_type: s.edition,
          paid: s.edition !== "free",
          trial_type: null,
          users_license_purchased: s.users.length + 5,
          paid_expiry: null,
        },
      },
    ],
  });
}

const USER_TYPES: Record<string, (u: ZohoUser, me: string) => boolean> = {
  AllUsers: (u) => u.status !== "deleted",
  ActiveUsers: (u) => u.status === "active",
  DeactiveUsers: (u) => u.status === "disabled",
  ConfirmedUsers: (u) => u.confirm && u.status !== "deleted",
  NotConfirmedUsers: (u) => !u.confirm && u.status !== "deleted",
  DeletedUsers: (u) => u.status === "deleted",
  ActiveConfirmedUsers: (u) => u.status === "active" && u.confirm,
  AdminUsers: (u) => u.admin && u.status !== "deleted",
  ActiveConfirmedAdmins: (u) => u.admin && u.status === "active" && u.confirm,
  CurrentUser: (u, me) => u.id === me,
};

function renderUser(state: ZohoState, u: ZohoUser): Record<string, unknown> {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    full_name: fullName(u),
    email: u.email,
    status: u.status === "deleted" ? "deleted" : u.status,
    confirm: u.confirm,
    role: u.role,
    profile: u.profile,
    zuid: `7${u.id.slice(-8)}`,
    time_zone: state.timeZoneName,
    locale: "en_US",
    language: "en_US",
    created_time: formatZohoTime(u.created, state.offsetMinutes),
    Modified_Time: formatZohoTime(u.modified, state.offsetMinutes),
  };
}

/** GET /crm/v8/users?type=&page=&per_page= and /users/{id}: key `users`, paged at 200. */
export async function getUsers(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const auth = authenticate(request, ctx, [areaScope(["users"], "READ")]);
  if (auth instanceof Response) return auth;
  if (ctx.params.id !== undefined) {
    const user = ctx.state.users.find((u) => u.id === ctx.params.id);
    return user === undefined ? empty(204) : json(200, { users: [renderUser(ctx.state, user)] });
  }
  const type = ctx.url.searchParams.get("type") ?? "AllUsers";
  const filter = USER_TYPES[type];
  if (filter === undefined) return zohoError(400, "INVALID_DATA", "invalid data", { param: "type" });
  const perPage = intParam(ctx.url, "per_page") ?? 200;
  const page = intParam(ctx.url, "page") ?? 1;
  if (Number.isNaN(perPage) || perPage < 1 || perPage > 200)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "per_page" });
  if (Number.isNaN(page) || page < 1)
    return zohoError(400, "INVALID_DATA", "invalid data", { param: "page" });
  const all = ctx.state.users.filter((u) => filter(u, auth.userId));
  const rows = all.slice((page - 1) * perPage, page * perPage);
  if (rows.length === 0) return empty(204);
  return json(200, {
    users: rows.map((u) => renderUser(ctx.state, u)),
    info: { per_page: perPage, count: rows.length, page, more_records: all.length > page * perPage },
  });
}
