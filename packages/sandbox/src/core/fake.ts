import type { SeededRandom } from "./random.js";

/** Name pools with accents, non-Latin scripts and apostrophes, so encoding bugs show up. */
export const FIRST_NAMES = [
  "Ana Lúcia",
  "Jürgen",
  "Priya",
  "芳",
  "Siobhán",
  "Mateo",
  "Zoë",
  "Łukasz",
  "Ngọc Anh",
  "محمد",
  "Søren",
  "Ægir",
  "José",
  "Chloé",
  "Björk",
  "Дмитрий",
  "Yuki",
  "Olúwáṣeun",
  "François",
  "Ingrid",
  "Ravi",
  "Émilie",
  "Kateřina",
  "Tomás",
] as const;
export const LAST_NAMES = [
  "Ferreira",
  "Weiß",
  "Raghunathan",
  "王",
  "O'Connor",
  "Núñez",
  "Dvořák",
  "Kowalczyk",
  "Nguyễn",
  "الفارسي",
  "Østergaard",
  "Þórsson",
  "García-López",
  "Lefèvre",
  "Guðmundsdóttir",
  "Иванов",
  "佐藤",
  "Adébáyọ̀",
  "Müller",
  "Van der Berg",
  "Smith",
] as const;
export const COMPANIES = [
  "Acme Corp",
  "Globex GmbH",
  "Initech S.A.",
  "Umbrella Ltd",
  "Société Générale des Tests",
  "Nordström & Söner AB",
  "株式会社サンプル",
  "Wayne Enterprises",
  "Stark Industries",
  "Zürich Analytics AG",
  "Café Olé Ltda",
  "Tyrell Corporation",
  "Ελληνική Εταιρεία",
  "Hooli",
  "Pied Piper",
  "Vandelay Industries",
  "Łódź Software Sp. z o.o.",
  "Oscorp",
] as const;
export const CITIES = [
  "São Paulo",
  "München",
  "Zürich",
  "Kraków",
  "Reykjavík",
  "Chennai",
  "東京",
  "Québec",
  "İstanbul",
  "Dubai",
  "Austin",
] as const;
const WORDS = [
  "renewal",
  "integration",
  "pilot",
  "onboarding",
  "escalation",
  "migration",
  "license",
  "upgrade",
  "audit",
  "rollout",
  "support",
  "training",
  "évaluation",
  "Überprüfung",
  "контракт",
  "契約",
  "follow-up",
  "quarterly",
  "review",
  "kickoff",
] as const;
const SENTENCES = [
  "Customer asked for a revised quote before the end of the quarter.",
  "Le client souhaite une démonstration la semaine prochaine.",
  "Kunde wünscht Rückruf wegen der Vertragsverlängerung.",
  "お客様は来週のデモを希望しています。",
  "Call back after the board meeting; budget is approved 👍",
  "Needs SSO, audit logs and a 99.9% SLA.\nLegal review pending.",
  "Escalated: invoice #4411 paid twice — refund in progress.",
] as const;

/** A short title-like phrase. */
export function phrase(random: SeededRandom, words = 3): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random.pick(WORDS));
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Text of 1 sentence to a few thousand characters (one in ten is long). */
export function prose(random: SeededRandom): string {
  const count = random.chance(0.1) ? random.between(30, 60) : random.between(1, 4);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(random.pick(SENTENCES));
  return out.join(random.chance(0.3) ? "\n\n" : " ");
}

/** An ASCII mailbox derived from a name. */
export function emailFor(random: SeededRandom, first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[^A-Za-z]/g, "")
      .toLowerCase();
  const local = `${ascii(first) || "user"}.${ascii(last) || random.hex(4)}${random.int(100)}`;
  return `${local}@example.${random.pick(["com", "org", "net"])}`;
}

/** A phone number in the reserved fictional range. */
export function phoneNumber(random: SeededRandom): string {
  return `+1 555 01${String(random.int(100)).padStart(2, "0")} ${String(random.int(10000)).padStart(4, "0")}`;
}
