import { previewFields } from "@kobik/sync-core";
import { describe, expect, it } from "vitest";
import { crmRecord, displayItem, prepared } from "./fixtures.js";

describe("previewFields", () => {
  it("formats the display fields of a record for the panel, with labels", () => {
    const item = prepared(
      displayItem({
        displayFields: ["Deal_Name", "Amount", "Next_Call", "Regions", "Owner", "Hot", "Closing_Date"],
      }),
    );
    const record = crmRecord({
      Deal_Name: " Acme ",
      Amount: 1250.1,
      Next_Call: "2026-03-01T10:00:00+05:30",
      Regions: ["EMEA", "APAC"],
      Owner: { email: "Ana@Example.com" },
      Hot: true,
    });
    expect(previewFields(item, record)).toEqual([
      { apiName: "Deal_Name", label: "Deal Name", text: "Acme" },
      { apiName: "Amount", label: "Amount", text: "1250.1" },
      { apiName: "Next_Call", label: "Next Call", text: "2026-03-01T04:30:00.000Z" },
      { apiName: "Regions", label: "Regions", text: "APAC, EMEA" },
      { apiName: "Owner", label: "Deal Owner", text: "ana@example.com" },
      { apiName: "Hot", label: "Hot", text: "Yes" },
      { apiName: "Closing_Date", label: "Closing Date", text: "—" },
    ]);
  });
});
