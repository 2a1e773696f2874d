import { JiraAttachmentTooLargeError, JiraError, JiraPayloadTooLargeError } from "@kobik/jira-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API, testClient, useServer } from "./helpers.js";

const server = useServer();

describe("attachments", () => {
  it("uploads as multipart field `file` with X-Atlassian-Token, after reading the site limit once", async () => {
    const uploads: Array<{ token: string | null; names: string[]; sizes: number[] }> = [];
    let metaReads = 0;
    server.use(
      http.get(`${API}/attachment/meta`, () => {
        metaReads++;
        return HttpResponse.json({ enabled: true, uploadLimit: 1000 });
      }),
      http.post(`${API}/issue/ABC-1/attachments`, async ({ request }) => {
        const form = await request.formData();
        const files = form.getAll("file") as File[];
        uploads.push({
          token: request.headers.get("X-Atlassian-Token"),
          names: files.map((f) => f.name),
          sizes: files.map((f) => f.size),
        });
        return HttpResponse.json(files.map((f, i) => ({ id: String(i), filename: f.name, size: f.size })));
      }),
    );
    const { jira } = testClient();
    const stored = await jira.attachments.upload("ABC-1", [
      { filename: "a.txt", data: new TextEncoder().encode("hello"), contentType: "text/plain" },
      { filename: "b.bin", data: new Blob([new Uint8Array(1000)]) },
    ]);
    await jira.attachments.upload("ABC-1", [{ filename: "c.bin", data: new ArrayBuffer(10) }]);
    expect(stored.map((a) => a.filename)).toEqual(["a.txt", "b.bin"]);
    expect(uploads).toEqual([
      { token: "no-check", names: ["a.txt", "b.bin"], sizes: [5, 1000] },
      { token: "no-check", names: ["c.bin"], sizes: [10] },
    ]);
    expect(metaReads).toBe(1);
  });

  it("refuses a file over the limit before any upload request", async () => {
    server.use(
      http.get(`${API}/attachment/meta`, () => HttpResponse.json({ enabled: true, uploadLimit: 10 })),
    );
    const { jira } = testClient();
    const error = await jira.attachments
      .upload("ABC-1", [
        { filename: "ok", data: new Uint8Array(10) },
        { filename: "big", data: new Uint8Array(11) },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraAttachmentTooLargeError);
    expect(error).toMatchObject({ field: "files[1]", sizeBytes: 11, limitBytes: 10 });
    expect(jira.calls.snapshot()).toEqual({ "GET /rest/api/3/attachment/meta": 1 });
  });

  it("uses a configured limit without asking Jira, and splits more than 60 files into requests", async () => {
    let requests = 0;
    server.use(
      http.post(`${API}/issue/ABC-1/attachments`, async ({ request }) => {
        requests++;
        const files = (await request.formData()).getAll("file");
        return HttpResponse.json(files.map((_, i) => ({ id: String(i) })));
      }),
    );
    const { jira } = testClient({ attachmentLimitBytes: 5 });
    const files = Array.from({ length: 61 }, (_, i) => ({ filename: `f${i}`, data: new Uint8Array(1) }));
    expect(await jira.attachments.upload("ABC-1", files)).toHaveLength(61);
    expect(requests).toBe(2);
    await expect(
      jira.attachments.upload("ABC-1", [{ filename: "x", data: new Uint8Array(6) }]),
    ).rejects.toBeInstanceOf(JiraAttachmentTooLargeError);
  });

  it("refuses uploads when attachments are disabled, and maps a 413 from Jira", async () => {
    server.use(
      http.get(`${API}/attachment/meta`, () => HttpResponse.json({ enabled: false, uploadLimit: 0 })),
    );
    const { jira } = testClient();
    await expect(
      jira.attachments.upload("ABC-1", [{ filename: "x", data: new Uint8Array(1) }]),
    ).rejects.toMatchObject({
      code: "ATTACHMENTS_DISABLED",
    });
    server.use(
      http.post(`${API}/issue/ABC-2/attachments`, () =>
        HttpResponse.json({ errorMessages: ["limit"] }, { status: 413 }),
      ),
    );
    const limited = testClient({ attachmentLimitBytes: 100 }).jira;
    const error = await limited.attachments
      .upload("ABC-2", [{ filename: "x", data: new Uint8Array(1) }])
      .catch((e) => e);
    expect(error).toBeInstanceOf(JiraPayloadTooLargeError);
    expect(error).toBeInstanceOf(JiraError);
  });

  it("downloads with redirect=false as a stream", async () => {
    let search = "";
    server.use(
      http.get(`${API}/attachment/content/10`, ({ request }) => {
        search = new URL(request.url).search;
        return new HttpResponse("file-bytes", {
          headers: { "Content-Type": "text/plain", "Content-Length": "10" },
        });
      }),
    );
    const { jira } = testClient();
    const download = await jira.attachments.download("10");
    expect(search).toBe("?redirect=false");
    expect(download.contentType).toBe("text/plain");
    expect(download.contentLength).toBe(10);
    expect(await new Response(download.stream).text()).toBe("file-bytes");
  });

  it("lists attachments from the issue's attachment field, gets metadata and deletes", async () => {
    let fields: string | null = null;
    server.use(
      http.get(`${API}/issue/ABC-1`, ({ request }) => {
        fields = new URL(request.url).searchParams.get("fields");
        return HttpResponse.json({
          id: "1",
          key: "ABC-1",
          fields: { attachment: [{ id: "10", filename: "a.txt" }] },
        });
      }),
      http.get(`${API}/attachment/10`, () => HttpResponse.json({ id: "10", filename: "a.txt", size: 5 })),
      http.delete(`${API}/attachment/10`, () => new HttpResponse(null, { status: 204 })),
    );
    const { jira } = testClient();
    expect(await jira.attachments.list("ABC-1")).toEqual([{ id: "10", filename: "a.txt" }]);
    expect(fields).toBe("attachment");
    expect((await jira.attachments.get("10")).size).toBe(5);
    await jira.attachments.delete("10");
    expect(jira.calls.snapshot()).toMatchObject({ "DELETE /rest/api/3/attachment/{id}": 1 });
  });
});
