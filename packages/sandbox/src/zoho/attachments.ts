import { empty, json } from "../core/http.js";
import { moduleScope } from "./auth.js";
import type { ZohoRequestCtx } from "./context.js";
import { itemError, zohoError } from "./errors.js";
import { moduleCall } from "./records.js";
import { displayName, userRef } from "./render.js";
import type { ZohoAttachment, ZohoState } from "./state.js";
import type { ModuleStore } from "./store.js";
import { formatZohoTime, toSecond } from "./time.js";

function parentCall(request: Request, ctx: ZohoRequestCtx, op: "READ" | "CREATE" | "DELETE") {
  const call = moduleCall(request, ctx, op, [moduleScope("attachments", op)]);
  if (call instanceof Response) return call;
  const parent = call.store.records.get(ctx.params.id ?? "");
  if (parent === undefined)
    return zohoError(400, "INVALID_DATA", "the related id given seems to be invalid", { id: ctx.params.id });
  return { ...call, parent };
}

function render(state: ZohoState, store: ModuleStore, a: ZohoAttachment): Record<string, unknown> {
  const parent = store.records.get(a.parentId);
  const owner = userRef(state, a.ownerId);
  const at = formatZohoTime(a.created, state.offsetMinutes);
  return {
    Owner: owner,
    Modified_Time: at,
    File_Name: a.fileName,
    Created_Time: at,
    Size: String(a.size),
    Parent_Id: { name: parent === undefined ? null : displayName(store, parent), id: a.parentId },
    $editable: true,
    $file_id: a.content === undefined ? null : `f_${a.id}`,
    $type: a.content === undefined ? "Link URL" : "Attachment",
    $se_module: a.module,
    Modified_By: owner,
    $state: "save",
    id: a.id,
    Created_By: owner,
    $link_url: a.linkUrl ?? null,
  };
}

/** Stores an attachment through the shared path (API and person API). */
export function addAttachment(
  state: ZohoState,
  module: string,
  parentId: string,
  file: { name: string; content?: Uint8Array<ArrayBuffer>; linkUrl?: string },
  userId: string,
): ZohoAttachment {
  const attachment: ZohoAttachment = {
    id: state.nextId(),
    module,
    parentId,
    fileName: file.name,
    size: file.content?.byteLength ?? 0,
    content: file.content,
    linkUrl: file.linkUrl,
    ownerId: userId,
    created: toSecond(state.clock.now()),
  };
  state.attachments.set(attachment.id, attachment);
  return attachment;
}

/** GET /crm/v8/{module}/{id}/Attachments */
export async function listAttachments(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = parentCall(request, ctx, "READ");
  if (call instanceof Response) return call;
  const rows = [...ctx.state.attachments.values()].filter(
    (a) => a.module === call.store.spec.api_name && a.parentId === call.parent.id,
  );
  if (rows.length === 0) return empty(204);
  const data = rows.reverse().map((a) => render(ctx.state, call.store, a));
  return json(200, { data, info: { per_page: 200, count: data.length, page: 1, more_records: false } });
}

/** POST /crm/v8/{module}/{id}/Attachments: multipart `file`, or `attachmentUrl` (+ `title`). */
export async function uploadAttachment(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = parentCall(request, ctx, "CREATE");
  if (call instanceof Response) return call;
  if (!(request.headers.get("content-type") ?? "").includes("multipart/form-data")) {
    return zohoError(415, "INVALID_DATA", "Content-Type must be multipart/form-data", {});
  }
  const form = await request.formData();
  const file = form.get("file");
  const link = form.get("attachmentUrl");
  if (file !== null && link !== null)
    return zohoError(400, "INVALID_DATA", "either file or attachmentUrl, not both", {
      param: "attachmentUrl",
    });
  if (file === null && link === null)
    return zohoError(400, "REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", {
      param: "file",
    });
  let attachment: ZohoAttachment;
  const module = call.store.spec.api_name;
  if (file instanceof Blob) {
    const name = file instanceof File ? file.name : "file";
    if (/\.exe$/i.test(name))
      return json(400, {
        data: [itemError("INVALID_DATA", "the file type is not supported", { api_name: "file" })],
      });
    if (file.size > ctx.state.attachmentLimitBytes) {
      return zohoError(413, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE", "file size exceeds the allowed limit", {
        maximum_size: ctx.state.attachmentLimitBytes,
      });
    }
    attachment = addAttachment(
      ctx.state,
      module,
      call.parent.id,
      { name, content: new Uint8Array(await file.arrayBuffer()) },
      call.auth.userId,
    );
  } else {
    const url = String(link);
    if (!/^https?:\/\//.test(url))
      return zohoError(400, "INVALID_DATA", "invalid url", { param: "attachmentUrl" });
    const title = form.get("title");
    attachment = addAttachment(
      ctx.state,
      module,
      call.parent.id,
      { name: typeof title === "string" ? title : url, linkUrl: url },
      call.auth.userId,
    );
  }
  const by = userRef(ctx.state, call.auth.userId);
  const at = formatZohoTime(attachment.created, ctx.state.offsetMinutes);
  const who = by === null ? null : { name: by.name, id: by.id };
  const details = {
    Modified_Time: at,
    Modified_By: who,
    Created_Time: at,
    id: attachment.id,
    Created_By: who,
  };
  return json(200, {
    data: [{ code: "SUCCESS", details, message: "attachment uploaded successfully", status: "success" }],
  });
}

function find(ctx: ZohoRequestCtx, module: string, parentId: string): ZohoAttachment | undefined {
  const a = ctx.state.attachments.get(ctx.params.attachment ?? "");
  return a !== undefined && a.module === module && a.parentId === parentId ? a : undefined;
}

/** GET /crm/v8/{module}/{id}/Attachments/{attachment}: the bytes. */
export async function downloadAttachment(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = parentCall(request, ctx, "READ");
  if (call instanceof Response) return call;
  const a = find(ctx, call.store.spec.api_name, call.parent.id);
  if (a?.content === undefined) return empty(204);
  return new Response(a.content as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "content-type": "application/x-download",
      "content-disposition": `attachment; filename="${encodeURIComponent(a.fileName)}"`,
    },
  });
}

/** DELETE /crm/v8/{module}/{id}/Attachments/{attachment} */
export async function deleteAttachment(request: Request, ctx: ZohoRequestCtx): Promise<Response> {
  const call = parentCall(request, ctx, "DELETE");
  if (call instanceof Response) return call;
  const a = find(ctx, call.store.spec.api_name, call.parent.id);
  if (a === undefined)
    return json(400, {
      data: [itemError("INVALID_DATA", "record not deleted", { id: ctx.params.attachment })],
    });
  ctx.state.attachments.delete(a.id);
  return json(200, {
    data: [{ code: "SUCCESS", details: { id: a.id }, message: "record deleted", status: "success" }],
  });
}
