import { createMemoryStore } from "@kobik/storage";
import { describeStorageConformance } from "@kobik/storage/testing";

describeStorageConformance("memory", () => createMemoryStore());
