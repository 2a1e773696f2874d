import { ZohoNotFoundError } from "@kobik/zoho-crm-client";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { CRM, testClient, useServer } from "./helpers.js";

const server = useServer();
const user = (i: number) => ({
  id: String(3000000000000000n + BigInt(i)),
  email: `u${i}@acme.test`,
  status: "active",
  created_time: "x",
  Modified_Time: "y",
});
const usersOk = (id: string) =>
  HttpResponse.json({ users: [{ code: "SUCCESS", status: "success", message: "ok", details: { id } }] });

describe("users", () => {
  it("lists by type under the `users` key and iterates every page", async () => {
    const queries: Record<string, string>[] = [];
    server.use(
      http.get(`${CRM}/users`, ({ request }) => {
        const q = Object.fromEntries(new URL(request.url).searchParams);
        queries.push(q);
        const page = Number(q.page);
        return HttpResponse.json({
          users: [user(page * 2), user(page * 2 + 1)],
          info: { page, per_page: 2, count: 2, more_records: page < 3 },
        });
      }),
    );
    const { client } = testClient();
    const ids: string[] = [];
    for await (const page of client.users.iterate({ type: "ActiveUsers", perPage: 2 }))
      ids.push(...page.items.map((u) => u.id));
    expect(ids).toHaveLength(6);
    expect(queries.map((q) => [q.type, q.page, q.per_page])).toEqual([
      ["ActiveUsers", "1", "2"],
      ["ActiveUsers", "2", "2"],
      ["ActiveUsers", "3", "2"],
    ]);
  });

  it("gets one user; 204 is not-found", async () => {
    server.use(
      http.get(`${CRM}/users/:id`, ({ params }) =>
        params.id === "3000000000000001"
          ? HttpResponse.json({ users: [user(1)] })
          : new HttpResponse(null, { status: 204 }),
      ),
    );
    const { client } = testClient();
    expect((await client.users.get("3000000000000001")).email).toBe("u1@acme.test");
    await expect(client.users.get("3000000000000002")).rejects.toBeInstanceOf(ZohoNotFoundError);
  });

  it("adds, updates, deactivates and deletes", async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${CRM}/users`, async ({ request }) => {
        bodies.push(await request.json());
        return usersOk("3000000000000009");
      }),
      http.put(`${CRM}/users/3000000000000009`, async ({ request }) => {
        bodies.push(await request.json());
        return usersOk("3000000000000009");
      }),
      http.delete(`${CRM}/users/3000000000000009`, () => usersOk("3000000000000009")),
    );
    const { client } = testClient();
    const added = await client.users.add({
      email: "new@acme.test",
      lastName: "Hopper",
      roleId: "4000000000000001",
      profileId: "5000000000000001",
    });
    expect(added).toMatchObject({ status: "success", id: "3000000000000009" });
    expect(bodies[0]).toEqual({
      users: [
        {
          email: "new@acme.test",
          last_name: "Hopper",
          role: "4000000000000001",
          profile: "5000000000000001",
        },
      ],
    });
    await client.users.update("3000000000000009", { first_name: "Grace" });
    await client.users.deactivate("3000000000000009");
    expect(bodies.slice(1)).toEqual([
      { users: [{ first_name: "Grace" }] },
      { users: [{ status: "disabled" }] },
    ]);
    expect(await client.users.delete("3000000000000009")).toMatchObject({ status: "success" });
  });

  it("reports Zoho's INVALID_DATA inside a 200 as an error outcome", async () => {
    server.use(
      http.put(`${CRM}/users/3000000000000009`, () =>
        HttpResponse.json({
          users: [
            { code: "INVALID_DATA", status: "error", message: "invalid data", details: { api_name: "id" } },
          ],
        }),
      ),
    );
    const { client } = testClient();
    expect(await client.users.deactivate("3000000000000009")).toMatchObject({
      status: "error",
      code: "INVALID_DATA",
      field: "id",
    });
  });
});

describe("org and metadata", () => {
  it("reads the org from its array of one", async () => {
    server.use(
      http.get(`${CRM}/org`, () =>
        HttpResponse.json({
          org: [{ id: "111", domain_name: "org926864613", license_details: { paid_type: "enterprise" } }],
        }),
      ),
    );
    const { client } = testClient();
    expect(await client.org.get()).toMatchObject({
      domain_name: "org926864613",
      license_details: { paid_type: "enterprise" },
    });
  });

  it("lists modules, one module, fields and layouts", async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${CRM}/settings/modules`, () =>
        HttpResponse.json({ modules: [{ api_name: "Deals", module_name: "Potentials" }] }),
      ),
      http.get(`${CRM}/settings/modules/Deals`, () =>
        HttpResponse.json({ modules: [{ api_name: "Deals", module_name: "Potentials" }] }),
      ),
      http.get(`${CRM}/settings/fields`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({
          fields: [{ api_name: "Stage", data_type: "picklist", pick_list_values: [{ actual_value: "Won" }] }],
        });
      }),
      http.get(`${CRM}/settings/layouts`, ({ request }) => {
        seen.push(new URL(request.url).search);
        return HttpResponse.json({ layouts: [{ id: "6000000000000001", name: "Standard", sections: [] }] });
      }),
    );
    const { client } = testClient();
    expect((await client.metadata.modules())[0]!.module_name).toBe("Potentials");
    expect((await client.metadata.module("Deals")).api_name).toBe("Deals");
    expect((await client.metadata.fields("Deals", { type: "all" }))[0]!.data_type).toBe("picklist");
    expect((await client.metadata.layouts("Deals"))[0]!.name).toBe("Standard");
    expect(seen).toEqual(["?module=Deals&type=all", "?module=Deals"]);
    expect(client.calls.snapshot()).toEqual({
      "GET /crm/v8/settings/modules": 1,
      "GET /crm/v8/settings/modules/Deals": 1,
      "GET /crm/v8/settings/fields": 1,
      "GET /crm/v8/settings/layouts": 1,
    });
  });
});
