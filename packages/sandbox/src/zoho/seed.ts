import {
  CITIES,
  COMPANIES,
  emailFor,
  FIRST_NAMES,
  LAST_NAMES,
  phoneNumber,
  phrase,
  prose,
} from "../core/fake.js";
import type { SeededRandom } from "../core/random.js";
import type { ZohoFieldSpec, ZohoModuleSpec } from "./schema.js";
import type { ZohoState, ZohoUser } from "./state.js";
import type { ModuleStore, ZohoRecord } from "./store.js";
import { formatZohoDate, toSecond } from "./time.js";

const DAY = 86_400_000;

/** Default users: an admin first (the grant-code owner), then a mix of states. */
export function seedUsers(state: Pick<ZohoState, "clock" | "nextId">): ZohoUser[] {
  const now = toSecond(state.clock.now()) - 400 * DAY;
  const people: [string, string, ZohoUser["status"], boolean, boolean][] = [
    ["Ana Lúcia", "Ferreira", "active", true, true],
    ["Jürgen", "Weiß", "active", true, false],
    ["Priya", "Raghunathan", "active", true, true],
    ["芳", "王", "active", true, false],
    ["Siobhán", "O'Connor", "disabled", true, false],
    ["Mateo", "Núñez", "active", false, false],
  ];
  return people.map(([first, last, status, confirm, admin], i) => ({
    id: state.nextId(),
    first_name: first,
    last_name: last,
    email: `${["ana", "juergen", "priya", "fang", "siobhan", "mateo"][i]}@kobik-sandbox.example.com`,
    status,
    confirm,
    admin,
    role: admin ? { name: "CEO", id: "5843221000000026005" } : { name: "Manager", id: "5843221000000026008" },
    profile: admin
      ? { name: "Administrator", id: "5843221000000026011" }
      : { name: "Standard", id: "5843221000000026014" },
    created: now + i * DAY,
    modified: now + i * DAY,
  }));
}

function textFor(random: SeededRandom, field: ZohoFieldSpec): string {
  const name = field.api_name;
  if (name === "First_Name") return random.pick(FIRST_NAMES);
  if (name === "Last_Name") return random.pick(LAST_NAMES);
  if (/Company|Account_Name|Vendor_Name/.test(name)) return `${random.pick(COMPANIES)} ${random.int(1000)}`;
  if (/City|Country|Venue|Location/.test(name)) return random.pick(CITIES);
  return phrase(random, random.between(2, 5));
}

function valueFor(
  random: SeededRandom,
  state: ZohoState,
  field: ZohoFieldSpec,
  now: number,
  values: Record<string, unknown>,
): unknown {
  switch (field.data_type) {
    case "text":
      return textFor(random, field).slice(0, field.length ?? 255);
    case "textarea":
      return prose(random);
    case "email":
      return emailFor(
        random,
        String(values.First_Name ?? "contact"),
        String(values.Last_Name ?? random.hex(4)),
      );
    case "phone":
      return phoneNumber(random);
    case "website":
      return `https://www.example-${random.hex(6)}.com`;
    case "integer":
      return random.between(1, 5000);
    case "bigint":
      return String(random.between(1, 2 ** 40));
    case "double":
    case "currency":
      return Math.round(random.next() * 250_000 * 100) / 100;
    case "percent":
      return random.between(0, 100);
    case "boolean":
      return random.chance(0.5);
    case "date":
      return formatZohoDate(now + random.between(-400, 400) * DAY, state.offsetMinutes);
    case "datetime":
      return toSecond(now + random.between(-30, 30) * DAY + random.int(DAY));
    case "picklist":
      return random.pick((field.pick_list_values ?? ["-None-"]).slice(1));
    case "multiselectpicklist":
      return (field.pick_list_values ?? []).filter(() => random.chance(0.4));
    case "lookup": {
      const target = state.modules.get(field.lookup ?? "");
      return target === undefined || target.ids.length === 0 ? null : random.pick(target.ids);
    }
    case "ownerlookup":
    case "formula":
      return null;
  }
}

/** Fills a module with `count` generated records, spread over the last 90 days, deterministic from the PRNG. */
export function seedModule(state: ZohoState, store: ModuleStore, count: number, random: SeededRandom): void {
  const end = toSecond(state.clock.now());
  const start = end - 90 * DAY;
  const owners = state.users.filter((u) => u.status === "active");
  const fresh: ZohoRecord[] = [];
  for (let i = 0; i < count; i++) {
    const created = toSecond(start + Math.floor(((end - start) * i) / Math.max(count, 1)));
    const modified = Math.min(end, created + (random.chance(0.5) ? 0 : random.int(20 * DAY)));
    const owner = random.pick(owners).id;
    const values: Record<string, unknown> = { Owner: owner };
    for (const field of store.spec.fields) {
      if (field.read_only === true || field.data_type === "ownerlookup") continue;
      const blank = field.mandatory !== true && random.chance(0.15);
      const value = blank ? null : valueFor(random, state, field, end, values);
      if (value !== null) values[field.api_name] = value;
    }
    fresh.push({
      id: state.nextId(),
      created,
      modified: toSecond(modified),
      createdBy: owner,
      modifiedBy: owner,
      version: 0,
      values,
    });
  }
  bulkLoad(store, fresh);
}

/** Adds many records at once and re-sorts the modified-time index once, not per record. */
function bulkLoad(store: ModuleStore, records: ZohoRecord[]): void {
  for (const record of records) {
    store.records.set(record.id, record);
    store.ids.push(record.id);
    store.byModified.push({
      id: record.id,
      modified: record.modified,
      seq: ++store.seq,
      version: record.version,
    });
  }
  store.byModified.sort((a, b) => a.modified - b.modified || a.seq - b.seq);
}

/** Seeding order: modules that others look up come first. */
export function seedOrder(specs: readonly ZohoModuleSpec[]): ZohoModuleSpec[] {
  const done = new Set<string>();
  const out: ZohoModuleSpec[] = [];
  while (out.length < specs.length) {
    const before = out.length;
    for (const spec of specs) {
      if (done.has(spec.api_name)) continue;
      const lookups = spec.fields.filter((f) => f.lookup !== undefined && f.lookup !== spec.api_name);
      if (lookups.every((f) => done.has(f.lookup!) || !specs.some((s) => s.api_name === f.lookup))) {
        done.add(spec.api_name);
        out.push(spec);
      }
    }
    if (out.length === before) return [...out, ...specs.filter((s) => !done.has(s.api_name))];
  }
  return out;
}
