import { createJiraClient } from "@kobik/jira-client";
import {
  createClock,
  createJiraSimulator,
  createZohoCrmSimulator,
  JIRA_SANDBOX_CREDENTIALS,
  type JiraSimulatorOptions,
  ZOHO_FULL_SCOPES,
  ZOHO_SANDBOX_CLIENT,
  type ZohoSimulatorOptions,
} from "@kobik/sandbox";
import { createMemoryStore, type KobikStore } from "@kobik/storage";
import { parseSmartConnectedItem, type SmartConnectedItemInput } from "@kobik/sync-core";
import { createSyncEngine, type EngineLimits, type SyncEngine } from "@kobik/sync-engine";
import { createZohoCrmClient, memoryTokenStore, type StoredToken } from "@kobik/zoho-crm-client";

/** Every line any engine of the suite logged, for the secret-leak test. */
export const ALL_LOG_LINES: string[] = [];
/** Every secret any harness used, for the same test. */
export const ALL_SECRETS = new Set<string>();

/** A two-way Deals <-> KOB Task item with every feature on; tests override parts. */
export function dealsItem(overrides: Partial<SmartConnectedItemInput> = {}): SmartConnectedItemInput {
  return {
    id: "deals-to-tasks",
    name: "Deals to tasks",
    mode: "two-way",
    jira: { projectKey: "KOB", issueType: "Task" },
    crm: { module: "Deals" },
    fieldMappings: [
      { crmField: "Deal_Name", jiraField: "summary", direction: "crm-to-jira" },
      { crmField: "Description", jiraField: "description", direction: "both" },
      { crmField: "Amount", jiraField: "customfield_10052", direction: "both" },
    ],
    statusMapping: {
      crmField: "Stage",
      pairs: [
        { crm: "Qualification", jira: "To Do" },
        { crm: "Needs Analysis", jira: "In Progress" },
        { crm: "Negotiation/Review", jira: "In Review" },
        { crm: "Closed Won", jira: "Done" },
      ],
    },
    features: {
      autoCreate: true,
      statusSync: true,
      notesSync: true,
      attachmentSync: true,
      noteDeletions: "record",
    },
    ...overrides,
  };
}

/**
 * A Deals item that auto-creates plain issues (name to summary, amount both ways) with no status,
 * attachment or (unless asked) notes sync: for tests and benches about the feed and creates.
 */
export function autoCreateDealsItem(options: { notesSync?: boolean } = {}): SmartConnectedItemInput {
  return dealsItem({
    fieldMappings: [
      { crmField: "Deal_Name", jiraField: "summary", direction: "crm-to-jira" },
      { crmField: "Amount", jiraField: "customfield_10052", direction: "both" },
    ],
    statusMapping: undefined,
    features: {
      autoCreate: true,
      statusSync: false,
      notesSync: options.notesSync ?? false,
      attachmentSync: false,
      noteDeletions: "record",
    },
  });
}

/** Options of {@link startWorld}. */
export interface WorldOptions {
  readonly item?: SmartConnectedItemInput;
  readonly deals?: number;
  readonly zoho?: ZohoSimulatorOptions;
  readonly jira?: JiraSimulatorOptions;
  readonly limits?: Partial<EngineLimits>;
  readonly store?: KobikStore;
  /** Called before every Zoho API request with its 1-based number: lets a test act mid-run. */
  readonly onZohoRequest?: (count: number, url: string) => void;
  /** Real time instead of the default manual clock (benchmarks: timestamps then differ between writes). */
  readonly realTime?: boolean;
}

const noSleep = async () => undefined;

/** Both simulators on loopback sharing one manual clock, real clients over HTTP, a memory store, an engine. */
export async function startWorld(options: WorldOptions = {}) {
  const clock = createClock(
    options.realTime ? { kind: "system" } : { kind: "manual", start: "2026-11-22T10:00:00Z" },
  );
  const zohoSim = await createZohoCrmSimulator({
    clock,
    records: { Deals: options.deals ?? 0 },
    ...options.zoho,
  });
  const jiraSim = await createJiraSimulator({ clock, ...options.jira });
  const token = await exchange(
    zohoSim.accountsUrl(),
    zohoSim.mintGrantCode({ scopes: ZOHO_FULL_SCOPES }),
    clock.now(),
  );
  const tokenStore = memoryTokenStore(token);
  const now = () => clock.now();
  let zohoRequests = 0;
  const zoho = createZohoCrmClient({
    fetch: (request) => {
      options.onZohoRequest?.(++zohoRequests, request.url);
      return globalThis.fetch(request);
    },
    auth: { kind: "app", ...ZOHO_SANDBOX_CLIENT, tokenStore },
    accountsUrl: zohoSim.accountsUrl(),
    now,
    sleep: noSleep,
    retry: { retries: 8 },
  });
  const jira = createJiraClient({
    auth: { kind: "basic", ...JIRA_SANDBOX_CREDENTIALS },
    baseUrl: jiraSim.url!,
    now,
    sleep: noSleep,
    retry: { retries: 8 },
  });
  const store = options.store ?? createMemoryStore();
  const parsed = parseSmartConnectedItem(options.item ?? dealsItem(), { authMode: "app" });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.pathText}: ${i.message}`).join("\n"));
  await store.items.save(parsed.value);
  const logs: string[] = [];
  for (const s of [
    token.accessToken,
    token.refreshToken ?? "",
    ZOHO_SANDBOX_CLIENT.clientSecret,
    JIRA_SANDBOX_CREDENTIALS.apiToken,
  ]) {
    if (s) ALL_SECRETS.add(s);
  }
  let ids = 0;
  const makeEngine = (holder: string) =>
    createSyncEngine({
      zoho,
      jira,
      store,
      clock: { now: () => new Date(clock.now()) },
      logger: captureLogger(logs),
      limits: { createSettleMs: 60_000, ...options.limits },
      holder,
      secrets: [ZOHO_SANDBOX_CLIENT.clientSecret, JIRA_SANDBOX_CREDENTIALS.apiToken],
      zohoNotifications: { token: "kobik-channel-token-0001" },
      newId: () => `${holder}-run-${++ids}`,
    });
  const engine: SyncEngine = makeEngine("engine-a");
  return {
    clock,
    zohoSim,
    jiraSim,
    zoho,
    jira,
    store,
    engine,
    makeEngine,
    logs,
    tokenStore,
    /** Authorises the connection again (a new grant), as a host's reconnect flow would. */
    async reconnect() {
      await tokenStore.set(
        await exchange(
          zohoSim.accountsUrl(),
          zohoSim.mintGrantCode({ scopes: ZOHO_FULL_SCOPES }),
          clock.now(),
        ),
      );
    },
    itemId: parsed.value.id,
    async close() {
      // Tokens refreshed during the test are secrets too.
      const current = await tokenStore.get();
      for (const s of [current?.accessToken, current?.refreshToken]) if (s) ALL_SECRETS.add(s);
      await Promise.all([zohoSim.close(), jiraSim.close()]);
    },
  };
}

/** The world `startWorld` returns. */
export type World = Awaited<ReturnType<typeof startWorld>>;

function captureLogger(lines: string[]) {
  const at = (level: string) => (msg: string, fields?: Readonly<Record<string, unknown>>) => {
    const line = JSON.stringify({ level, msg, ...fields });
    lines.push(line);
    ALL_LOG_LINES.push(line);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

async function exchange(accountsUrl: string, code: string, nowMs: number): Promise<StoredToken> {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: ZOHO_SANDBOX_CLIENT.clientId,
    client_secret: ZOHO_SANDBOX_CLIENT.clientSecret,
    code,
  });
  const res = await fetch(`${accountsUrl}/oauth/v2/token`, { method: "POST", body });
  const t = (await res.json()) as {
    access_token: string;
    refresh_token: string;
    api_domain: string;
    expires_in: number;
  };
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    apiDomain: t.api_domain,
    expiresAt: nowMs + t.expires_in * 1000,
  };
}

/** Creates a deal the way a person in the CRM UI would; returns its id. */
export function createDeal(world: World, name: string, extra: Record<string, unknown> = {}): string {
  return world.zohoSim.person.createRecord("Deals", {
    Deal_Name: name,
    Stage: "Qualification",
    Closing_Date: "2026-12-31",
    Amount: 1000,
    Description: `About ${name}`,
    ...extra,
  });
}

/** Moves the shared clock forward, as time passes between edits. */
export function later(world: World, seconds = 5): void {
  world.clock.advance(seconds * 1000);
}

/** The issue key linked to a CRM record under the world's item. */
export async function issueKeyOf(world: World, recordId: string): Promise<string> {
  const link = await world.store.links.getByCrmRecord(world.itemId, recordId);
  if (link === null) throw new Error(`record ${recordId} is not linked`);
  return link.jira.issueKey;
}
