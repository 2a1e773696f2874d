import { createMemoryStore, type KobikStore } from "@kobik/storage";
import { describeStorageConformance } from "@kobik/storage/testing";

// Every call crosses an extra async boundary before reaching the memory store, as a call to a
// database would. The suite must not depend on how soon a store's promises settle.
function deferred<T extends object>(port: T): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return value.apply(target, args);
      };
    },
  });
}

function deferredStore(store: KobikStore): KobikStore {
  return {
    items: deferred(store.items),
    links: deferred(store.links),
    cursors: deferred(store.cursors),
    secrets: deferred(store.secrets),
    leases: deferred(store.leases),
    intents: deferred(store.intents),
    runs: deferred(store.runs),
    audit: deferred(store.audit),
  };
}

describeStorageConformance("memory behind an async boundary", () => deferredStore(createMemoryStore()));
