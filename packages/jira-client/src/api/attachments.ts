import { cached, type JiraContext, send, sendJson, sendVoid } from "../context.js";
import {
  JiraAttachmentTooLargeError,
  JiraError,
  JiraInputError,
  JiraMalformedResponseError,
} from "../errors.js";
import type { JiraAttachment } from "../types.js";

/** Jira's cap on files per upload request; larger uploads are split. */
export const FILES_PER_UPLOAD = 60;

/** A file to upload. The size must be known up front, so streams are not accepted. */
export interface JiraAttachmentFile {
  filename: string;
  data: Blob | Uint8Array | ArrayBuffer;
  contentType?: string;
}

/** A download: the body as a stream, read it or cancel it. */
export interface JiraAttachmentDownload {
  stream: ReadableStream<Uint8Array>;
  contentType: string | undefined;
  contentLength: number | undefined;
}

/** The site's attachment settings. */
export interface JiraAttachmentSettings {
  enabled: boolean;
  /** Maximum size of one attachment, in bytes. */
  uploadLimit: number;
}

/** Attachment operations. */
export interface AttachmentsApi {
  /** The site's settings (read once per client, then remembered). */
  settings(): Promise<JiraAttachmentSettings>;
  /** Uploads files after checking each against the size limit; nothing is sent if one is too large. */
  upload(issueIdOrKey: string, files: readonly JiraAttachmentFile[]): Promise<JiraAttachment[]>;
  /** Attachments of an issue, read from its `attachment` field. */
  list(issueIdOrKey: string): Promise<JiraAttachment[]>;
  get(attachmentId: string): Promise<JiraAttachment>;
  /** Streams the content (`redirect=false`, so no 303 hop to a media host). */
  download(attachmentId: string): Promise<JiraAttachmentDownload>;
  delete(attachmentId: string): Promise<void>;
}

function toBlob(file: JiraAttachmentFile, field: string): Blob {
  const type = file.contentType ?? "application/octet-stream";
  if (file.data instanceof Blob) return file.contentType ? new Blob([file.data], { type }) : file.data;
  if (file.data instanceof Uint8Array || file.data instanceof ArrayBuffer)
    return new Blob([file.data as BlobPart], { type });
  throw new JiraInputError(`${field}.data`, "must be a Blob, Uint8Array or ArrayBuffer");
}

function checkId(name: string, value: string): void {
  if (typeof value !== "string" || value.trim() === "") throw new JiraInputError(name, "must not be empty");
}

export function attachmentsApi(ctx: JiraContext): AttachmentsApi {
  const settings = () =>
    cached(ctx, "attachment-meta", async (): Promise<JiraAttachmentSettings> => {
      const data = await sendJson(ctx, () => ctx.api.GET("/rest/api/3/attachment/meta"));
      if (typeof data.uploadLimit !== "number") {
        throw new JiraMalformedResponseError("attachment settings without uploadLimit", {
          code: "MALFORMED_RESPONSE",
        });
      }
      return { enabled: data.enabled !== false, uploadLimit: data.uploadLimit };
    });
  const limit = async (): Promise<number> => {
    if (ctx.attachmentLimitBytes !== undefined) return ctx.attachmentLimitBytes;
    const site = await settings();
    if (!site.enabled)
      throw new JiraError("attachments are disabled on this Jira site", { code: "ATTACHMENTS_DISABLED" });
    return site.uploadLimit;
  };
  const uploadChunk = (issueIdOrKey: string, blobs: Array<{ name: string; blob: Blob }>) => {
    const form = new FormData();
    for (const { name, blob } of blobs) form.append("file", blob, name);
    return sendJson(ctx, () =>
      ctx.api.POST("/rest/api/3/issue/{issueIdOrKey}/attachments", {
        params: { path: { issueIdOrKey }, header: { "X-Atlassian-Token": "no-check" } },
        // openapi-fetch passes FormData through untouched, and fetch sets the multipart boundary.
        body: form as never,
      }),
    );
  };
  return {
    settings,
    async upload(issueIdOrKey, files) {
      checkId("issueIdOrKey", issueIdOrKey);
      if (files.length === 0) throw new JiraInputError("files", "needs at least one file");
      const blobs = files.map((file, i) => {
        if (!file?.filename) throw new JiraInputError(`files[${i}].filename`, "must not be empty");
        return { name: file.filename, blob: toBlob(file, `files[${i}]`) };
      });
      const max = await limit();
      blobs.forEach(({ blob }, i) => {
        if (blob.size > max) throw new JiraAttachmentTooLargeError(`files[${i}]`, blob.size, max);
      });
      const stored: JiraAttachment[] = [];
      for (let i = 0; i < blobs.length; i += FILES_PER_UPLOAD) {
        stored.push(...(await uploadChunk(issueIdOrKey, blobs.slice(i, i + FILES_PER_UPLOAD))));
      }
      return stored;
    },
    async list(issueIdOrKey) {
      checkId("issueIdOrKey", issueIdOrKey);
      const issue = await sendJson(ctx, () =>
        ctx.api.GET("/rest/api/3/issue/{issueIdOrKey}", {
          params: { path: { issueIdOrKey }, query: { fields: "attachment" } },
        }),
      );
      const attachments = issue.fields?.attachment;
      return Array.isArray(attachments) ? (attachments as JiraAttachment[]) : [];
    },
    get: async (id) => {
      checkId("attachmentId", id);
      return sendJson(ctx, () => ctx.api.GET("/rest/api/3/attachment/{id}", { params: { path: { id } } }));
    },
    async download(id) {
      checkId("attachmentId", id);
      const { data, response } = await send(ctx, () =>
        ctx.api.GET("/rest/api/3/attachment/content/{id}", {
          params: { path: { id }, query: { redirect: false } },
          parseAs: "stream",
        }),
      );
      const length = response.headers.get("Content-Length");
      return {
        stream: (data as ReadableStream<Uint8Array> | null | undefined) ?? new Blob([]).stream(),
        contentType: response.headers.get("Content-Type") ?? undefined,
        contentLength: length === null ? undefined : Number(length),
      };
    },
    delete: async (id) => {
      checkId("attachmentId", id);
      return sendVoid(ctx, () => ctx.api.DELETE("/rest/api/3/attachment/{id}", { params: { path: { id } } }));
    },
  };
}
