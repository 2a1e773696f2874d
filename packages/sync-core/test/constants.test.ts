import {
  ATTACHMENT_MAX_BYTES,
  isPollingReadyModule,
  JIRA_SUMMARY_MAX_LENGTH,
  POLLING_READY_MODULES,
} from "@kobik/sync-core";
import { describe, expect, it } from "vitest";

describe("constants", () => {
  it("lists the 19 polling-ready modules with unique API names", () => {
    expect(POLLING_READY_MODULES).toHaveLength(19);
    expect(new Set(POLLING_READY_MODULES.map((m) => m.apiName)).size).toBe(19);
  });

  it("recognises polling-ready modules by API name, not label", () => {
    expect(isPollingReadyModule("Price_Books")).toBe(true);
    expect(isPollingReadyModule("Price Books")).toBe(false);
    expect(isPollingReadyModule("Notes")).toBe(false);
  });

  it("uses Jira's summary limit and the 10 MB attachment limit", () => {
    expect(JIRA_SUMMARY_MAX_LENGTH).toBe(255);
    expect(ATTACHMENT_MAX_BYTES).toBe(10_485_760);
  });
});
