import {
  createZohoCrmClient,
  memoryTokenStore,
  openInZohoUrl,
  ZOHO_DATA_CENTER_IDS,
  ZOHO_DATA_CENTERS,
  ZOHO_REQUIRED_SCOPES,
  ZohoInputError,
  zohoConnectionSchema,
} from "@kobik/zoho-crm-client";
import { describe, expect, it } from "vitest";

describe("data centers", () => {
  it("covers the nine DCs with https hosts, Canada on zohocloud.ca", () => {
    expect([...ZOHO_DATA_CENTER_IDS].sort()).toEqual(["AU", "CA", "CN", "EU", "IN", "JP", "SA", "UK", "US"]);
    for (const dc of Object.values(ZOHO_DATA_CENTERS)) {
      expect(dc.accountsUrl).toMatch(/^https:\/\/accounts\.zoho/);
      expect(dc.apiDomain).toMatch(/^https:\/\/www\.zohoapis\./);
    }
    expect(ZOHO_DATA_CENTERS.CA.accountsUrl).toBe("https://accounts.zohocloud.ca");
    expect(ZOHO_DATA_CENTERS.CN.accountsUrl).toBe("https://accounts.zoho.com.cn");
  });

  it("lists the scopes a connection needs, search scope included", () => {
    expect(ZOHO_REQUIRED_SCOPES).toContain("ZohoCRM.modules.ALL");
    expect(ZOHO_REQUIRED_SCOPES).toContain("ZohoSearch.securesearch.READ");
    expect(ZOHO_REQUIRED_SCOPES).toContain("ZohoCRM.notifications.ALL");
  });

  it("validates connections per auth mode", () => {
    expect(zohoConnectionSchema.parse({ authMode: "app", dc: "EU", clientId: "1000.X" })).toEqual({
      authMode: "app",
      dc: "EU",
      clientId: "1000.X",
    });
    expect(zohoConnectionSchema.safeParse({ authMode: "app", dc: "EU" }).success).toBe(false);
    expect(zohoConnectionSchema.safeParse({ authMode: "providers", dc: "XX" }).success).toBe(false);
    expect(
      zohoConnectionSchema.safeParse({ authMode: "providers", dc: "IN", apiDomain: "http://x" }).success,
    ).toBe(false);
    expect(
      zohoConnectionSchema.safeParse({
        authMode: "providers",
        dc: "IN",
        apiDomain: "https://www.zohoapis.in",
      }).success,
    ).toBe(true);
  });

  it("app auth needs a data center or an accounts server", () => {
    const auth = { kind: "app" as const, clientId: "c", clientSecret: "s", tokenStore: memoryTokenStore() };
    expect(() => createZohoCrmClient({ auth })).toThrow(ZohoInputError);
    expect(() => createZohoCrmClient({ auth, dc: "JP" })).not.toThrow();
  });
});

describe("openInZohoUrl", () => {
  it("builds the web UI address per DC, with Deals under its Potentials tab", () => {
    expect(
      openInZohoUrl({ dc: "EU", module: "Deals", recordId: "4876876000000327001", orgId: "20107446748" }),
    ).toBe("https://crm.zoho.eu/crm/org20107446748/tab/Potentials/4876876000000327001");
    expect(openInZohoUrl({ dc: "CA", module: "Contacts", recordId: "1", orgId: "org110000402423" })).toBe(
      "https://crm.zohocloud.ca/crm/org110000402423/tab/Contacts/1",
    );
    expect(openInZohoUrl({ dc: "US", module: "Leads", recordId: "42" })).toBe(
      "https://crm.zoho.com/crm/tab/Leads/42",
    );
  });

  it("uses a custom module's internal name and an explicit host", () => {
    expect(
      openInZohoUrl({
        crmHost: "https://crm.zoho.com.au/",
        module: { apiName: "Projects", moduleName: "CustomModule4" },
        recordId: "7004396182000001",
        orgId: "7004396182",
      }),
    ).toBe("https://crm.zoho.com.au/crm/org7004396182/tab/CustomModule4/7004396182000001");
  });

  it("rejects ids that are not Zoho ids", () => {
    expect(() => openInZohoUrl({ dc: "US", module: "Leads", recordId: "../x" })).toThrow(/recordId/);
    expect(() => openInZohoUrl({ dc: "US", module: "Leads/..", recordId: "1" })).toThrow(/module/);
  });
});
