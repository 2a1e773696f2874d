import { ZohoAttachmentTooLargeError, ZohoInputError, ZohoNotFoundError } from "./errors.js";
import type { ZohoHttp } from "./http.js";
import { fieldsParam, idParam, moduleParam, pagingParams, toPage } from "./paging.js";
import type { WriteOutcome, ZohoAttachment, ZohoPage } from "./types.js";
import { singleOutcome } from "./write-results.js";

/** Fields asked for by default (whether v8 requires `fields` here is unconfirmed: we always send it). */
export const DEFAULT_ATTACHMENT_FIELDS: readonly string[] = [
  "File_Name",
  "Size",
  "$file_id",
  "$link_url",
  "$type",
  "Created_Time",
  "Modified_Time",
  "Owner",
];

/** Which record an attachment belongs to. */
export interface AttachmentParent {
  module: string;
  recordId: string;
}

/** What to attach: a file (multipart field `file`) or a link (field `attachmentUrl`), never both. */
export type AttachmentSource =
  | { kind: "file"; data: Blob | Uint8Array; fileName: string }
  | { kind: "link"; url: string; title?: string };

/** A downloaded attachment: the body is a stream, never buffered by the client. */
export interface AttachmentDownload {
  body: ReadableStream<Uint8Array>;
  contentType: string | undefined;
  /** From `Content-Disposition`, when Zoho sends one. */
  fileName: string | undefined;
  contentLength: number | undefined;
}

/** @internal */
export function attachmentsApi(http: ZohoHttp) {
  const parentPath = (parent: AttachmentParent) => ({
    module: moduleParam(parent?.module),
    record_id: idParam(parent?.recordId, "recordId"),
  });

  async function list(
    parent: AttachmentParent,
    options: { fields?: readonly string[]; page?: number; perPage?: number } = {},
  ): Promise<ZohoPage<ZohoAttachment>> {
    const path = parentPath(parent);
    const query = {
      fields: fieldsParam(options.fields ?? DEFAULT_ATTACHMENT_FIELDS),
      ...pagingParams(options.page, options.perPage),
    };
    const raw = await http.send((init) =>
      http.api.GET("/{module}/{record_id}/Attachments", { ...init, params: { path, query } }),
    );
    const data = http.expect(raw);
    return toPage(data?.data, data?.info, raw.response.status);
  }

  async function download(parent: AttachmentParent, attachmentId: string): Promise<AttachmentDownload> {
    const path = { ...parentPath(parent), attachment_id: idParam(attachmentId, "attachmentId") };
    const raw = await http.send((init) =>
      http.api.GET("/{module}/{record_id}/Attachments/{attachment_id}", {
        ...init,
        params: { path },
        parseAs: "stream",
      }),
    );
    const body = http.expect(raw);
    if (!body)
      throw new ZohoNotFoundError(`no attachment ${attachmentId}`, {
        code: "NOT_FOUND",
        status: raw.response.status,
      });
    const headers = raw.response.headers;
    const length = headers.get("Content-Length");
    return {
      body,
      contentType: headers.get("Content-Type") ?? undefined,
      fileName: fileNameOf(headers.get("Content-Disposition")),
      contentLength: length === null ? undefined : Number(length),
    };
  }

  /** Uploads a file or link. A file over `attachmentMaxBytes` fails here, before any request. */
  async function upload(parent: AttachmentParent, source: AttachmentSource): Promise<WriteOutcome> {
    const path = parentPath(parent);
    const form = toForm(source, http.attachmentMaxBytes);
    const raw = await http.send((init) =>
      http.api.POST("/{module}/{record_id}/Attachments", {
        ...init,
        params: { path },
        body: form as never,
        bodySerializer: (body: unknown) => body,
      }),
    );
    return singleOutcome(http, raw, "data");
  }

  async function remove(parent: AttachmentParent, attachmentId: string): Promise<WriteOutcome> {
    const path = { ...parentPath(parent), attachment_id: idParam(attachmentId, "attachmentId") };
    const raw = await http.send((init) =>
      http.api.DELETE("/{module}/{record_id}/Attachments/{attachment_id}", { ...init, params: { path } }),
    );
    return singleOutcome(http, raw, "data");
  }

  return { list, download, upload, delete: remove };
}

function toForm(source: AttachmentSource, maxBytes: number): FormData {
  const form = new FormData();
  switch (source?.kind) {
    case "file": {
      if (!(source.data instanceof Blob) && !(source.data instanceof Uint8Array)) {
        throw new ZohoInputError("data", "a Blob or Uint8Array");
      }
      const blob =
        source.data instanceof Blob ? source.data : new Blob([source.data as Uint8Array<ArrayBuffer>]);
      if (blob.size > maxBytes) throw new ZohoAttachmentTooLargeError(blob.size, maxBytes);
      if (typeof source.fileName !== "string" || source.fileName === "")
        throw new ZohoInputError("fileName", "required");
      form.append("file", blob, source.fileName);
      return form;
    }
    case "link":
      if (typeof source.url !== "string" || !URL.canParse(source.url))
        throw new ZohoInputError("url", "an absolute URL");
      form.append("attachmentUrl", source.url);
      if (source.title !== undefined) form.append("title", source.title);
      return form;
    default:
      throw new ZohoInputError("source.kind", 'either "file" or "link"');
  }
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1];
}
