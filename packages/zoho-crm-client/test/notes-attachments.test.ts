import { ZohoAttachmentTooLargeError, ZohoNotFoundError } from "@kobik/zoho-crm-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { CRM, testClient, useServer } from "./helpers.js";

const server = useServer();
const LEAD = "4876876000000327001";
const ok = (id: string, message = "record added") =>
  HttpResponse.json({ data: [{ code: "SUCCESS", status: "success", message, details: { id } }] });

describe("notes", () => {
  it("lists a record's notes with the default fields", async () => {
    let fields: string | null = null;
    server.use(
      http.get(`${CRM}/Leads/${LEAD}/Notes`, ({ request }) => {
        fields = new URL(request.url).searchParams.get("fields");
        return HttpResponse.json({
          data: [
            {
              id: "555000000000001",
              Note_Content: "hi",
              Parent_Id: { module: { api_name: "Leads" }, id: LEAD },
            },
          ],
          info: { more_records: false },
        });
      }),
    );
    const { client } = testClient();
    const page = await client.notes.list("Leads", LEAD);
    expect(fields).toBe("Note_Title,Note_Content,Parent_Id,Owner,Created_Time,Modified_Time");
    expect(page.items[0]!.Parent_Id?.id).toBe(LEAD);
  });

  it("lists notes org-wide modified since a time, oldest first; 304 is empty", async () => {
    const seen: Array<Record<string, string>> = [];
    server.use(
      http.get(`${CRM}/Notes`, ({ request }) => {
        seen.push({
          ...Object.fromEntries(new URL(request.url).searchParams),
          ims: request.headers.get("If-Modified-Since")!,
        });
        return new HttpResponse(null, { status: 304 });
      }),
    );
    const { client } = testClient();
    const page = await client.notes.listModifiedSince(new Date("2026-11-20T00:00:00Z"), {
      fields: ["Note_Content"],
    });
    expect(page.info.notModified).toBe(true);
    expect(seen[0]).toEqual({
      fields: "Note_Content",
      sort_by: "Modified_Time",
      sort_order: "asc",
      ims: "2026-11-20T00:00:00+00:00",
    });
  });

  it("creates with the v8 Parent_Id object, updates and deletes", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${CRM}/Notes`, async ({ request }) => {
        bodies.push(await request.json());
        return ok("555000000000002");
      }),
      http.put(`${CRM}/Notes/555000000000002`, async ({ request }) => {
        bodies.push(await request.json());
        return ok("555000000000002", "record updated");
      }),
      http.delete(`${CRM}/Notes/555000000000002`, () => ok("555000000000002", "record deleted")),
    );
    const { client } = testClient();
    const created = await client.notes.create({
      module: "Leads",
      recordId: LEAD,
      content: "Synced from KOB-1",
      title: "Jira",
    });
    expect(created).toMatchObject({ status: "success", id: "555000000000002" });
    expect(bodies[0]).toEqual({
      data: [
        {
          Note_Content: "Synced from KOB-1",
          Note_Title: "Jira",
          Parent_Id: { module: { api_name: "Leads" }, id: LEAD },
        },
      ],
    });
    expect(await client.notes.update("555000000000002", { content: "edited" })).toMatchObject({
      status: "success",
    });
    expect(bodies[1]).toEqual({ data: [{ Note_Content: "edited" }] });
    expect(await client.notes.delete("555000000000002")).toMatchObject({
      status: "success",
      message: "record deleted",
    });
  });

  it("reports a rejected note as an error outcome, not an exception", async () => {
    server.use(
      http.post(`${CRM}/Notes`, () =>
        HttpResponse.json({
          data: [
            {
              code: "INVALID_DATA",
              status: "error",
              message: "invalid data",
              details: { api_name: "Parent_Id" },
            },
          ],
        }),
      ),
    );
    const { client } = testClient();
    expect(await client.notes.create({ module: "Leads", recordId: LEAD, content: "x" })).toMatchObject({
      status: "error",
      field: "Parent_Id",
    });
  });
});

describe("attachments", () => {
  const parent = { module: "Leads", recordId: LEAD };

  it("lists attachments", async () => {
    server.use(
      http.get(`${CRM}/Leads/${LEAD}/Attachments`, () =>
        HttpResponse.json({
          data: [{ id: "777000000000001", File_Name: "a.pdf", Size: "12" }],
          info: { more_records: false },
        }),
      ),
    );
    const { client } = testClient();
    expect((await client.attachments.list(parent)).items[0]).toMatchObject({ File_Name: "a.pdf" });
  });

  it("downloads as a stream with name and type; 204 is not-found", async () => {
    server.use(
      http.get(`${CRM}/Leads/${LEAD}/Attachments/:id`, ({ params }) =>
        params.id === "777000000000001"
          ? new HttpResponse(new TextEncoder().encode("%PDF-1.7 bytes"), {
              headers: {
                "Content-Type": "application/pdf",
                "Content-Disposition": 'attachment; filename="quote.pdf"',
              },
            })
          : new HttpResponse(null, { status: 204 }),
      ),
    );
    const { client } = testClient();
    const file = await client.attachments.download(parent, "777000000000001");
    expect(file.body).toBeInstanceOf(ReadableStream);
    expect(await new Response(file.body).text()).toBe("%PDF-1.7 bytes");
    expect(file).toMatchObject({ contentType: "application/pdf", fileName: "quote.pdf" });
    await expect(client.attachments.download(parent, "777000000000009")).rejects.toBeInstanceOf(
      ZohoNotFoundError,
    );
  });

  it("uploads a file as multipart field `file`, and a link as `attachmentUrl`", async () => {
    const forms: FormData[] = [];
    server.use(
      http.post(`${CRM}/Leads/${LEAD}/Attachments`, async ({ request }) => {
        forms.push(await request.formData());
        return ok("777000000000002");
      }),
    );
    const { client } = testClient();
    const outcome = await client.attachments.upload(parent, {
      kind: "file",
      data: new TextEncoder().encode("hello"),
      fileName: "hi.txt",
    });
    expect(outcome).toMatchObject({ status: "success", id: "777000000000002" });
    const file = forms[0]!.get("file") as File;
    expect(file.name).toBe("hi.txt");
    expect(await file.text()).toBe("hello");
    await client.attachments.upload(parent, { kind: "link", url: "https://example.com/spec", title: "Spec" });
    expect(forms[1]!.get("attachmentUrl")).toBe("https://example.com/spec");
    expect(forms[1]!.get("file")).toBeNull();
  });

  it("refuses a file over the limit before any request", async () => {
    const { client } = testClient({ attachmentMaxBytes: 4 });
    const error = await client.attachments
      .upload(parent, { kind: "file", data: new Blob(["12345"]), fileName: "big.bin" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZohoAttachmentTooLargeError);
    expect(error).toMatchObject({ sizeBytes: 5, maxBytes: 4, field: "file", code: "ATTACHMENT_TOO_LARGE" });
    expect(client.calls.total()).toBe(0);
  });

  it("deletes an attachment", async () => {
    server.use(
      http.delete(`${CRM}/Leads/${LEAD}/Attachments/777000000000001`, () =>
        ok("777000000000001", "record deleted"),
      ),
    );
    const { client } = testClient();
    expect(await client.attachments.delete(parent, "777000000000001")).toMatchObject({ status: "success" });
  });
});
