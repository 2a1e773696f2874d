/**
 * A `Response` whose body is a string held in memory. Building a standard `Response` with a body
 * costs tens of microseconds (a web stream per body, read back by the mount), more than the
 * handler itself on simple reads; this one carries the text, so the loopback mount writes it to
 * the socket as is. Reading it like any `Response` (`text()`, `json()`, `body`, ...) still works;
 * the msw mount hands msw a standard copy (`toStandard`).
 */
export class TextResponse extends Response {
  /** The whole body. */
  readonly bodyText: string;

  constructor(bodyText: string, init: ResponseInit) {
    super(null, init);
    this.bodyText = bodyText;
  }

  /** A standard `Response` with the same status, headers and body. */
  toStandard(): Response {
    return new Response(this.bodyText, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return new Blob([this.bodyText]).stream();
  }

  override get bodyUsed(): boolean {
    return false;
  }

  override text(): Promise<string> {
    return Promise.resolve(this.bodyText);
  }

  override json(): Promise<unknown> {
    return Promise.resolve(this.bodyText).then((text) => JSON.parse(text) as unknown);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return new Blob([this.bodyText]).arrayBuffer();
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Blob([this.bodyText]).bytes();
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(new Blob([this.bodyText], { type: this.headers.get("content-type") ?? "" }));
  }

  override clone(): TextResponse {
    return new TextResponse(this.bodyText, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
    });
  }
}

/** JSON response with the given status and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new TextResponse(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers },
  });
}

/** A body-less response (204, 304). */
export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** The outcome of reading a JSON body: the value, or why it could not be read. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** Reads a JSON body without throwing; an empty body is a failure. */
export async function readJson(request: Request): Promise<JsonBody> {
  const text = await request.text();
  if (text.trim() === "") return { ok: false, reason: "empty body" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: "malformed JSON" };
  }
}

/** True for a plain (non-array, non-null) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads request parameters the way token endpoints accept them: query string first, then a
 * urlencoded or multipart body. Zoho's own SDK sends multipart; its docs show query strings.
 */
export async function readParams(request: Request, url: URL): Promise<Map<string, string>> {
  const params = new Map<string, string>(url.searchParams);
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(await request.text())) params.set(k, v);
  } else if (type.includes("multipart/form-data")) {
    const form = await request.formData();
    form.forEach((value, key) => {
      if (typeof value === "string") params.set(key, value);
    });
  }
  return params;
}

/** Parses a positive integer query parameter; `undefined` when absent, `NaN` when malformed. */
export function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Opaque cursor tokens: base64url JSON. Opaque to clients, readable to the simulator. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Decodes a token made by `encodeToken`; `undefined` when it is not one. */
export function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
