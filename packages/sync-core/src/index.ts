export {
  ATTACHMENT_MAX_BYTES,
  isPollingReadyModule,
  JIRA_SUMMARY_MAX_LENGTH,
  POLLING_READY_MODULES,
  type PollingReadyModule,
} from "./constants.js";
