import {
  ATTACHMENT_MAX_BYTES,
  emptyLinkBase,
  finalizeBase,
  type LinkBase,
  planLinkSync,
} from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { crmRecord, jiraIssue, linkOf, NOW, prepared, twoWayItem } from "./fixtures.js";

type Files = { id: string; name: string; size: number }[];
const item = (mode: "two-way" | "one-way" = "two-way") =>
  prepared(
    twoWayItem({
      mode,
      features: { attachmentSync: true },
      fieldMappings: [{ crmField: "Deal_Name", jiraField: "summary" }],
    }),
  );
const base = (): LinkBase => ({
  ...emptyLinkBase(),
  fields: { summary: { crm: { kind: "text", value: "D" }, jira: { kind: "text", value: "D" } } },
});

function plan(
  lists: { crm?: Files; jira?: Files },
  linkBase: LinkBase,
  mode: "two-way" | "one-way" = "two-way",
) {
  return planLinkSync({
    item: item(mode),
    link: linkOf(linkBase),
    crm: crmRecord({ Deal_Name: "D" }),
    jira: jiraIssue({ summary: "D" }),
    now: NOW,
    crmAttachments: lists.crm,
    jiraAttachments: lists.jira,
  });
}

describe("attachments", () => {
  it("copies new CRM attachments to Jira on cycles and pairs them after execution", () => {
    const first = plan(
      {
        crm: [
          { id: "a2", name: "b.pdf", size: 20 },
          { id: "a1", name: "a.pdf", size: 10 },
        ],
      },
      base(),
    );
    expect(first.operations.map((o) => o.opId)).toEqual([
      "jira.copyAttachment:crm:a1",
      "jira.copyAttachment:crm:a2",
    ]);
    expect(first.operations[0]).toMatchObject({
      from: { module: "Deals", recordId: "5001", attachmentId: "a1" },
      name: "a.pdf",
      size: 10,
    });
    const next = finalizeBase(first, { "jira.copyAttachment:crm:a1": { id: "j1", hash: "sha256:abc" } });
    expect(next.attachments).toEqual([
      {
        state: "paired",
        crmAttachmentId: "a1",
        jiraAttachmentId: "j1",
        origin: "crm",
        name: "a.pdf",
        size: 10,
        hash: "sha256:abc",
      },
    ]);
    const again = plan(
      {
        crm: [
          { id: "a2", name: "b.pdf", size: 20 },
          { id: "a1", name: "a.pdf", size: 10 },
        ],
      },
      next,
    );
    expect(again.operations.map((o) => o.opId)).toEqual(["jira.copyAttachment:crm:a2"]);
  });

  it("skips files over 10 MB with a recorded reason, once", () => {
    const big = { id: "a9", name: "video.mp4", size: ATTACHMENT_MAX_BYTES + 1 };
    const first = plan({ crm: [big] }, base());
    expect(first.operations).toEqual([]);
    expect(first.warnings).toEqual([
      expect.objectContaining({ code: "attachment-too-large", value: "video.mp4" }),
    ]);
    expect(first.nextBase.attachments).toEqual([
      expect.objectContaining({ state: "skipped", attachmentId: "a9", reason: "too-large" }),
    ]);
    expect(plan({ crm: [big] }, first.nextBase).warnings).toEqual([]);
    expect(plan({ crm: [{ ...big, size: ATTACHMENT_MAX_BYTES }] }, base()).operations).toHaveLength(1);
  });

  it("copies Jira attachments to CRM on Jira events, for two-way items only", () => {
    const two = plan({ jira: [{ id: "j7", name: "log.txt", size: 5 }] }, base());
    expect(two.operations).toEqual([
      expect.objectContaining({ kind: "crm.copyAttachment", from: { issueId: "10001", attachmentId: "j7" } }),
    ]);
    expect(plan({ jira: [{ id: "j7", name: "log.txt", size: 5 }] }, base(), "one-way").operations).toEqual(
      [],
    );
  });

  it("re-pairs a copy whose pairing was never saved, by name and size", () => {
    const result = plan(
      { crm: [{ id: "a1", name: "a.pdf", size: 10 }], jira: [{ id: "j1", name: "a.pdf", size: 10 }] },
      base(),
    );
    expect(result.operations).toEqual([]);
    expect(result.nextBase.attachments).toEqual([
      expect.objectContaining({ crmAttachmentId: "a1", jiraAttachmentId: "j1" }),
    ]);
  });

  it("never copies back the survivor of a deleted attachment", () => {
    const paired = plan(
      { crm: [{ id: "a1", name: "a.pdf", size: 10 }], jira: [{ id: "j1", name: "a.pdf", size: 10 }] },
      base(),
    ).nextBase;
    expect(plan({ crm: [], jira: [{ id: "j1", name: "a.pdf", size: 10 }] }, paired).operations).toEqual([]);
  });
});
