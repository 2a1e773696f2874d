/** Zoho field data types the simulator validates and renders. */
export type ZohoDataType =
  | "text"
  | "textarea"
  | "email"
  | "phone"
  | "website"
  | "integer"
  | "bigint"
  | "double"
  | "currency"
  | "percent"
  | "boolean"
  | "date"
  | "datetime"
  | "picklist"
  | "multiselectpicklist"
  | "lookup"
  | "ownerlookup"
  | "formula";

/** One field of a module, in the shape the simulator needs (rendered to Zoho's metadata shape on read). */
export interface ZohoFieldSpec {
  api_name: string;
  data_type: ZohoDataType;
  label?: string;
  mandatory?: boolean;
  /** Text length limit; defaults per type (255, textarea 32000). */
  length?: number;
  pick_list_values?: readonly string[];
  /** Target module of a `lookup`. */
  lookup?: string;
  unique?: boolean;
  read_only?: boolean;
  custom_field?: boolean;
}

/** One module: API name, labels, primary (display-name) field and its fields. */
export interface ZohoModuleSpec {
  api_name: string;
  singular_label: string;
  plural_label: string;
  /** The field used as the record's display name (lookups, deleted records, duplicate checks). */
  primary: string;
  /** Scope name segment, e.g. `leads` in `ZohoCRM.modules.leads.READ`. */
  scope: string;
  fields: readonly ZohoFieldSpec[];
}

type Opts = Omit<ZohoFieldSpec, "api_name" | "data_type">;
const f = (api_name: string, data_type: ZohoDataType, opts: Opts = {}): ZohoFieldSpec => ({
  api_name,
  data_type,
  ...opts,
});
const pick = (api_name: string, values: readonly string[], opts: Opts = {}) =>
  f(api_name, "picklist", { pick_list_values: ["-None-", ...values], ...opts });
const req = { mandatory: true } as const;
const desc = f("Description", "textarea");
const lead_source = pick("Lead_Source", [
  "Advertisement",
  "Cold Call",
  "Employee Referral",
  "Partner",
  "Web Download",
  "Trade Show",
]);
const industry = pick("Industry", [
  "ASP",
  "Data/Telecom OEM",
  "ERP",
  "Government/Military",
  "Large Enterprise",
  "ManagementISV",
  "Non-management ISV",
  "Service Provider",
  "Storage Equipment",
]);

const MODULES: readonly Omit<ZohoModuleSpec, "scope">[] = [
  {
    api_name: "Leads",
    singular_label: "Lead",
    plural_label: "Leads",
    primary: "Last_Name",
    fields: [
      f("First_Name", "text"),
      f("Last_Name", "text", req),
      f("Email", "email"),
      f("Phone", "phone"),
      f("Company", "text"),
      pick("Lead_Status", [
        "Attempted to Contact",
        "Contact in Future",
        "Contacted",
        "Junk Lead",
        "Lost Lead",
        "Not Contacted",
        "Pre-Qualified",
      ]),
      lead_source,
      industry,
      f("Annual_Revenue", "currency"),
      f("No_of_Employees", "integer"),
      f("Email_Opt_Out", "boolean"),
      f("Website", "website"),
      pick("Rating", ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shut Down"]),
      desc,
    ],
  },
  {
    api_name: "Contacts",
    singular_label: "Contact",
    plural_label: "Contacts",
    primary: "Last_Name",
    fields: [
      f("First_Name", "text"),
      f("Last_Name", "text", req),
      f("Email", "email"),
      f("Phone", "phone"),
      f("Mobile", "phone"),
      f("Account_Name", "lookup", { lookup: "Accounts" }),
      f("Title", "text"),
      f("Department", "text"),
      f("Date_of_Birth", "date"),
      f("Mailing_City", "text"),
      f("Preferred_Channels", "multiselectpicklist", {
        pick_list_values: ["Email", "Phone", "SMS", "WhatsApp", "Post"],
      }),
      lead_source,
      f("Email_Opt_Out", "boolean"),
      desc,
    ],
  },
  {
    api_name: "Accounts",
    singular_label: "Account",
    plural_label: "Accounts",
    primary: "Account_Name",
    fields: [
      f("Account_Name", "text", req),
      f("Phone", "phone"),
      f("Website", "website"),
      pick("Account_Type", [
        "Analyst",
        "Competitor",
        "Customer",
        "Distributor",
        "Integrator",
        "Investor",
        "Partner",
        "Prospect",
        "Reseller",
        "Vendor",
      ]),
      industry,
      f("Annual_Revenue", "currency"),
      f("Employees", "integer"),
      f("Billing_City", "text"),
      f("Billing_Country", "text"),
      f("Ownership", "text"),
      desc,
    ],
  },
  {
    api_name: "Deals",
    singular_label: "Deal",
    plural_label: "Deals",
    primary: "Deal_Name",
    fields: [
      f("Deal_Name", "text", req),
      f("Amount", "currency"),
      pick(
        "Stage",
        [
          "Qualification",
          "Needs Analysis",
          "Value Proposition",
          "Proposal/Price Quote",
          "Negotiation/Review",
          "Closed Won",
          "Closed Lost",
        ],
        req,
      ),
      f("Closing_Date", "date", req),
      f("Account_Name", "lookup", { lookup: "Accounts" }),
      f("Contact_Name", "lookup", { lookup: "Contacts" }),
      f("Probability", "percent"),
      pick("Type", ["Existing Business", "New Business"]),
      lead_source,
      f("Next_Step", "text"),
      desc,
    ],
  },
  {
    api_name: "Campaigns",
    singular_label: "Campaign",
    plural_label: "Campaigns",
    primary: "Campaign_Name",
    fields: [
      f("Campaign_Name", "text", req),
      pick("Type", ["Advertisement", "Banner Ads", "Conference", "Email", "Webinar", "Trade Show"]),
      pick("Status", ["Planning", "Active", "Inactive", "Complete"]),
      f("Start_Date", "date"),
      f("End_Date", "date"),
      f("Expected_Revenue", "currency"),
      f("Budgeted_Cost", "currency"),
      desc,
    ],
  },
  {
    api_name: "Calls",
    singular_label: "Call",
    plural_label: "Calls",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      pick("Call_Type", ["Outbound", "Inbound", "Missed"], req),
      f("Call_Start_Time", "datetime", req),
      f("Call_Duration", "text"),
      pick("Call_Purpose", ["Prospecting", "Administrative", "Negotiation", "Demo", "Project", "Desk"]),
      desc,
    ],
  },
  {
    api_name: "Events",
    singular_label: "Meeting",
    plural_label: "Meetings",
    primary: "Event_Title",
    fields: [
      f("Event_Title", "text", req),
      f("Start_DateTime", "datetime", req),
      f("End_DateTime", "datetime", req),
      f("Venue", "text"),
      f("All_day", "boolean"),
      desc,
    ],
  },
  {
    api_name: "Tasks",
    singular_label: "Task",
    plural_label: "Tasks",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      f("Due_Date", "date"),
      pick("Status", ["Not Started", "Deferred", "In Progress", "Completed", "Waiting for input"]),
      pick("Priority", ["High", "Highest", "Low", "Lowest", "Normal"]),
      f("Send_Notification_Email", "boolean"),
      desc,
    ],
  },
  {
    api_name: "Products",
    singular_label: "Product",
    plural_label: "Products",
    primary: "Product_Name",
    fields: [
      f("Product_Name", "text", req),
      f("Product_Code", "text"),
      f("Product_Active", "boolean"),
      pick("Product_Category", ["Hardware", "Software", "CRM Applications"]),
      f("Unit_Price", "currency"),
      f("Qty_in_Stock", "double"),
      f("Sales_Regions", "multiselectpicklist", {
        pick_list_values: ["EMEA", "APAC", "LATAM", "North America"],
      }),
      desc,
    ],
  },
  {
    api_name: "Vendors",
    singular_label: "Vendor",
    plural_label: "Vendors",
    primary: "Vendor_Name",
    fields: [
      f("Vendor_Name", "text", req),
      f("Email", "email"),
      f("Phone", "phone"),
      f("Website", "website"),
      f("Category", "text"),
      f("City", "text"),
      desc,
    ],
  },
  {
    api_name: "Price_Books",
    singular_label: "Price Book",
    plural_label: "Price Books",
    primary: "Price_Book_Name",
    fields: [
      f("Price_Book_Name", "text", req),
      f("Active", "boolean"),
      pick("Pricing_Model", ["Flat", "Differential"]),
      desc,
    ],
  },
  {
    api_name: "Quotes",
    singular_label: "Quote",
    plural_label: "Quotes",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      pick("Quote_Stage", [
        "Draft",
        "Negotiation",
        "Delivered",
        "On Hold",
        "Confirmed",
        "Closed Won",
        "Closed Lost",
      ]),
      f("Valid_Till", "date"),
      f("Account_Name", "lookup", { lookup: "Accounts", mandatory: true }),
      f("Deal_Name", "lookup", { lookup: "Deals" }),
      f("Grand_Total", "currency", { read_only: true }),
      f("Terms_and_Conditions", "textarea"),
      desc,
    ],
  },
  {
    api_name: "Sales_Orders",
    singular_label: "Sales Order",
    plural_label: "Sales Orders",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      pick("Status", ["Created", "Approved", "Delivered", "Cancelled"]),
      f("Due_Date", "date"),
      f("Account_Name", "lookup", { lookup: "Accounts", mandatory: true }),
      f("Grand_Total", "currency", { read_only: true }),
      desc,
    ],
  },
  {
    api_name: "Purchase_Orders",
    singular_label: "Purchase Order",
    plural_label: "Purchase Orders",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      pick("Status", ["Created", "Approved", "Delivered", "Cancelled"]),
      f("PO_Date", "date"),
      f("Vendor_Name", "lookup", { lookup: "Vendors", mandatory: true }),
      f("Grand_Total", "currency", { read_only: true }),
      desc,
    ],
  },
  {
    api_name: "Invoices",
    singular_label: "Invoice",
    plural_label: "Invoices",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      pick("Status", ["Created", "Approved", "Delivered", "Paid", "Cancelled"]),
      f("Invoice_Date", "date"),
      f("Due_Date", "date"),
      f("Account_Name", "lookup", { lookup: "Accounts", mandatory: true }),
      f("Grand_Total", "currency", { read_only: true }),
      desc,
    ],
  },
  {
    api_name: "Cases",
    singular_label: "Case",
    plural_label: "Cases",
    primary: "Subject",
    fields: [
      f("Subject", "text", req),
      pick("Status", ["New", "On Hold", "Escalated", "Closed"], req),
      pick("Priority", ["High", "Medium", "Low"]),
      pick("Case_Origin", ["Email", "Phone", "Web"], req),
      pick("Type", ["Question", "Problem", "Feature Request"]),
      f("Account_Name", "lookup", { lookup: "Accounts" }),
      f("Email", "email"),
      f("Solution", "textarea"),
      desc,
    ],
  },
  {
    api_name: "Solutions",
    singular_label: "Solution",
    plural_label: "Solutions",
    primary: "Solution_Title",
    fields: [
      f("Solution_Title", "text", req),
      pick("Status", ["Draft", "Reviewed", "Published"]),
      f("Question", "textarea"),
      f("Answer", "textarea"),
      f("Product_Name", "lookup", { lookup: "Products" }),
    ],
  },
  {
    api_name: "Appointments__s",
    singular_label: "Appointment",
    plural_label: "Appointments",
    primary: "Appointment_Name",
    fields: [
      f("Appointment_Name", "text", req),
      f("Appointment_Start_Time", "datetime", req),
      f("Duration", "integer"),
      pick("Status", ["Upcoming", "In Progress", "Completed", "Cancelled", "Overdue"]),
      f("Location", "text"),
      desc,
    ],
  },
  {
    api_name: "Services__s",
    singular_label: "Service",
    plural_label: "Services",
    primary: "Service_Name",
    fields: [
      f("Service_Name", "text", req),
      f("Price", "currency"),
      f("Duration", "text"),
      pick("Status", ["Active", "Inactive"]),
      desc,
    ],
  },
];

/** System fields every module carries; read-only except `Owner`. */
const SYSTEM_FIELDS: readonly ZohoFieldSpec[] = [
  f("Owner", "ownerlookup"),
  f("Created_Time", "datetime", { read_only: true }),
  f("Modified_Time", "datetime", { read_only: true }),
  f("Created_By", "ownerlookup", { read_only: true }),
  f("Modified_By", "ownerlookup", { read_only: true }),
];

/** The 19 polling-ready modules with their fields (system fields appended). */
export function defaultModules(
  custom: Readonly<Record<string, readonly ZohoFieldSpec[]>> = {},
): ZohoModuleSpec[] {
  return MODULES.map((m) => ({
    ...m,
    scope: m.api_name.toLowerCase(),
    fields: [
      ...m.fields,
      ...(custom[m.api_name] ?? []).map((c) => ({ custom_field: true, ...c })),
      ...SYSTEM_FIELDS,
    ],
  }));
}

/** Default length limit of a text-like field. */
export function lengthOf(field: ZohoFieldSpec): number {
  return field.length ?? (field.data_type === "textarea" ? 32000 : 255);
}
