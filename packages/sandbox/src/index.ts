export { type ClockMode, createClock, type SimulatorClock } from "./core/clock.js";
export type { DeliveryOptions, DeliveryRecord } from "./core/delivery.js";
export type { Fault, FaultController, FaultPlan } from "./core/faults.js";
export type { ServeMode } from "./core/mount.js";
export { createRandom, type SeededRandom } from "./core/random.js";
export type { JiraInspector } from "./jira/inspect.js";
export type { JiraPerson } from "./jira/person.js";
export {
  createJiraSimulator,
  JIRA_SANDBOX_CREDENTIALS,
  JIRA_SANDBOX_WEBHOOK_SECRET,
  type JiraSimulator,
  type JiraSimulatorOptions,
} from "./jira/simulator.js";
export { DEFAULT_JIRA_USERS } from "./jira/site.js";
export type { JiraField, JiraStatus, JiraTransition, JiraUser, JiraWebhook } from "./jira/state.js";
export { ZOHO_DATA_CENTERS, type ZohoDc } from "./zoho/dc.js";
export type { ZohoInspector } from "./zoho/inspect.js";
export type { GrantCodeOptions } from "./zoho/oauth.js";
export type { ZohoOAuthClient } from "./zoho/oauth-state.js";
export { SandboxUsageError, type ZohoPerson } from "./zoho/person.js";
export type { ZohoDataType, ZohoFieldSpec } from "./zoho/schema.js";
export {
  createZohoCrmSimulator,
  ZOHO_FULL_SCOPES,
  ZOHO_SANDBOX_CLIENT,
  type ZohoCrmSimulator,
  type ZohoSimulatorOptions,
} from "./zoho/simulator.js";
export type { WorkflowRun, ZohoChannel, ZohoEdition } from "./zoho/state.js";
