export { type ClockMode, createClock, type SimulatorClock } from "./core/clock.js";
export type { DeliveryOptions, DeliveryRecord } from "./core/delivery.js";
export type { Fault, FaultController, FaultPlan } from "./core/faults.js";
export type { ServeMode } from "./core/mount.js";
export { createRandom, type SeededRandom } from "./core/random.js";
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
