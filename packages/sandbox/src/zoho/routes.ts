import type { Route } from "../core/router.js";
import { deleteAttachment, downloadAttachment, listAttachments, uploadAttachment } from "./attachments.js";
import type { ZohoCtx } from "./context.js";
import { getFields, getLayouts, getModules, getOrg, getUsers } from "./meta.js";
import { createNotes, deleteNote, listNotes, updateNote } from "./notes.js";
import { oauthRoutes } from "./oauth.js";
import { getRecord, listDeleted, listRecords } from "./records.js";
import { searchRecords } from "./search.js";
import { deleteWatch, listWatch, writeWatch } from "./watch.js";
import { deleteRecords, insertRecords, updateRecords, upsertRecords } from "./writes.js";

const v8 = "/crm/v8";

/**
 * The Zoho route table. Static paths come before parametric ones in the same segment count,
 * because the first match wins (`/crm/v8/Notes` must not be read as a module called "Notes").
 */
export const zohoRoutes: Route<ZohoCtx>[] = [
  ...oauthRoutes,
  { method: "GET", path: `${v8}/org`, name: "org.get", handler: getOrg },
  { method: "GET", path: `${v8}/users`, name: "users.list", handler: getUsers },
  { method: "GET", path: `${v8}/users/:id`, name: "users.get", handler: getUsers },
  { method: "GET", path: `${v8}/settings/modules`, name: "settings.modules", handler: getModules },
  { method: "GET", path: `${v8}/settings/modules/:module`, name: "settings.module", handler: getModules },
  { method: "GET", path: `${v8}/settings/fields`, name: "settings.fields", handler: getFields },
  { method: "GET", path: `${v8}/settings/fields/:id`, name: "settings.field", handler: getFields },
  { method: "GET", path: `${v8}/settings/layouts`, name: "settings.layouts", handler: getLayouts },
  { method: "GET", path: `${v8}/actions/watch`, name: "watch.list", handler: listWatch },
  { method: "POST", path: `${v8}/actions/watch`, name: "watch.enable", handler: writeWatch },
  { method: "PUT", path: `${v8}/actions/watch`, name: "watch.replace", handler: writeWatch },
  { method: "PATCH", path: `${v8}/actions/watch`, name: "watch.update", handler: writeWatch },
  { method: "DELETE", path: `${v8}/actions/watch`, name: "watch.disable", handler: deleteWatch },
  { method: "GET", path: `${v8}/Notes`, name: "notes.list", handler: listNotes },
  { method: "POST", path: `${v8}/Notes`, name: "notes.create", handler: createNotes },
  { method: "PUT", path: `${v8}/Notes/:id`, name: "notes.update", handler: updateNote },
  { method: "DELETE", path: `${v8}/Notes/:id`, name: "notes.delete", handler: deleteNote },
  { method: "GET", path: `${v8}/:module`, name: "records.list", handler: listRecords },
  { method: "POST", path: `${v8}/:module`, name: "records.insert", handler: insertRecords },
  { method: "PUT", path: `${v8}/:module`, name: "records.update", handler: updateRecords },
  { method: "DELETE", path: `${v8}/:module`, name: "records.delete", handler: deleteRecords },
  { method: "GET", path: `${v8}/:module/search`, name: "records.search", handler: searchRecords },
  { method: "GET", path: `${v8}/:module/deleted`, name: "records.deleted", handler: listDeleted },
  { method: "POST", path: `${v8}/:module/upsert`, name: "records.upsert", handler: upsertRecords },
  { method: "GET", path: `${v8}/:module/:id`, name: "records.get", handler: getRecord },
  { method: "PUT", path: `${v8}/:module/:id`, name: "records.updateOne", handler: updateRecords },
  { method: "DELETE", path: `${v8}/:module/:id`, name: "records.deleteOne", handler: deleteRecords },
  { method: "GET", path: `${v8}/:module/:id/Notes`, name: "notes.listRelated", handler: listNotes },
  { method: "POST", path: `${v8}/:module/:id/Notes`, name: "notes.createRelated", handler: createNotes },
  {
    method: "GET",
    path: `${v8}/:module/:id/Attachments`,
    name: "attachments.list",
    handler: listAttachments,
  },
  {
    method: "POST",
    path: `${v8}/:module/:id/Attachments`,
    name: "attachments.upload",
    handler: uploadAttachment,
  },
  {
    method: "GET",
    path: `${v8}/:module/:id/Attachments/:attachment`,
    name: "attachments.download",
    handler: downloadAttachment,
  },
  {
    method: "DELETE",
    path: `${v8}/:module/:id/Attachments/:attachment`,
    name: "attachments.delete",
    handler: deleteAttachment,
  },
];
