/** One outgoing callback (Zoho notification or Jira webhook) and what became of it. */
export interface DeliveryRecord {
  url: string;
  headers: Record<string, string>;
  /** The exact bytes sent, as text (JSON). */
  body: string;
  /** Outcome: HTTP status, or the error message when the POST failed. */
  outcome: { kind: "pending" } | { kind: "delivered"; status: number } | { kind: "failed"; error: string };
}

/** Options of the delivery queue. */
export interface DeliveryOptions {
  /** Fetch used to POST callbacks; read at call time, defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Most callbacks waiting at once; further ones are dropped and counted. */
  capacity?: number;
  /** Most callbacks in flight at once. */
  concurrency?: number;
}

/** An asynchronous, bounded queue of outgoing callbacks. */
export interface DeliveryQueue {
  enqueue(url: string, headers: Record<string, string>, body: string): void;
  /** Every callback attempted so far, oldest first. */
  records(): readonly DeliveryRecord[];
  /** Callbacks dropped because the queue was full. */
  dropped(): number;
  /** Resolves once nothing is waiting or in flight. */
  idle(): Promise<void>;
  /** Stops sending; waiting callbacks are dropped. */
  close(): void;
}

/**
 * Creates the queue. Callbacks leave on a later tick (never inside the API call that caused them),
 * like the real services, which deliver after the write has been answered.
 */
export function createDeliveryQueue(options: DeliveryOptions = {}): DeliveryQueue {
  const capacity = options.capacity ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const log: DeliveryRecord[] = [];
  const waiting: DeliveryRecord[] = [];
  let inFlight = 0;
  let droppedCount = 0;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settleIdle = (): void => {
    if (waiting.length > 0 || inFlight > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const send = async (record: DeliveryRecord): Promise<void> => {
    const doFetch = options.fetch ?? globalThis.fetch;
    try {
      const response = await doFetch(record.url, {
        method: "POST",
        headers: record.headers,
        body: record.body,
      });
      await response.arrayBuffer().catch(() => undefined);
      record.outcome = { kind: "delivered", status: response.status };
    } catch (error) {
      record.outcome = { kind: "failed", error: error instanceof Error ? error.message : String(error) };
    }
  };

  const pump = (): void => {
    while (!closed && inFlight < concurrency && waiting.length > 0) {
      const record = waiting.shift()!;
      inFlight += 1;
      void send(record).finally(() => {
        inFlight -= 1;
        pump();
        settleIdle();
      });
    }
    settleIdle();
  };

  return {
    enqueue: (url, headers, body) => {
      if (closed) return;
      if (waiting.length >= capacity) {
        droppedCount += 1;
        return;
      }
      const record: DeliveryRecord = { url, headers, body, outcome: { kind: "pending" } };
      log.push(record);
      waiting.push(record);
      setTimeout(pump, 0);
    },
    records: () => log,
    dropped: () => droppedCount,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(settleIdle, 0);
      }),
    close: () => {
      closed = true;
      droppedCount += waiting.length;
      waiting.length = 0;
      settleIdle();
    },
  };
}
