import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, request } from "undici";
import { isPublicAddress } from "./address-policy";

/** Why a guarded fetch did not return a body; a fixed vocabulary, never the remote's own words. */
export type SafeFetchFailure =
  "BLOCKED_ADDRESS" | "BAD_URL" | "TOO_MANY_REDIRECTS" | "TOO_LARGE" | "TIMEOUT" | "CONNECTION_FAILED";

export class SafeFetchError extends Error {
  constructor(
    readonly reason: SafeFetchFailure,
    message: string,
  ) {
    super(message);
    this.name = "SafeFetchError";
  }
}

/** Every address a name resolves to. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface SafeFetchResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Where the body finally came from, after redirects. */
  url: URL;
}

export interface SafeFetchOptions {
  /**
   * URL prefixes trusted whatever their address resolves to: the product's own media
   * (`<PUBLIC_URL>/media/`) and the operator's IMAGE_FETCH_ALLOW entries.
   */
  trusted?: string[];
  maxBytes?: number;
  /** Total deadline over every redirect hop and the whole body. */
  timeoutMs?: number;
  maxRedirects?: number;
  connections?: number;
  /** The resolver behind the address check (tests plug in names that resolve to loopback). */
  resolve?: Resolver;
}

const DEFAULTS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 3 };

function systemResolve(hostname: string): Promise<LookupAddress[]> {
  return new Promise((ok, fail) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? fail(err) : ok(addresses))),
  );
}

/**
 * The resolver the guarded agent connects through: it answers only with addresses it has checked,
 * so a name that resolves to a public address for a pre-check and to 127.0.0.1 a moment later
 * (DNS rebinding) still cannot steer the connection, which uses this very answer.
 */
function checkedLookup(resolve: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((a) => family === 0 || a.family === family);
        if (usable.length === 0 || !usable.every((a) => isPublicAddress(a.address))) {
          const err = new SafeFetchError(
            "BLOCKED_ADDRESS",
            `${hostname} does not resolve to a public address`,
          );
          callback(Object.assign(err, { code: "EBLOCKED" }), "", 0);
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/** Canonical form of a trusted prefix, so `http://HOST:80/media` and `http://host/media/` compare equal. */
function canonicalPrefix(prefix: string): string {
  const url = new URL(prefix);
  return url.origin + (url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`);
}

/**
 * A path stays inside a trusted prefix only if no segment could climb out of it: the URL parser
 * already folded `..` and `%2e%2e`, but an encoded slash or backslash is left for the server to
 * interpret, so those are refused outright.
 */
function withinPrefix(url: URL, prefix: string): boolean {
  if (/%2f|%5c|\\/i.test(url.pathname)) return false;
  return (url.origin + url.pathname).startsWith(prefix);
}

/**
 * GETs a user-supplied http(s) URL without letting it reach the machine or the networks it runs in:
 * every hop (redirects included) is either inside a trusted prefix or connects only to a public
 * address checked at connect time; the body is streamed and cut off at `maxBytes`; one deadline
 * covers the whole exchange.
 */
export class SafeFetcher {
  private readonly guarded: Agent;
  private readonly direct: Agent;
  private readonly trusted: string[];
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly resolve: Resolver;

  constructor(opts: SafeFetchOptions = {}) {
    this.trusted = (opts.trusted ?? []).map(canonicalPrefix);
    this.maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
    this.timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
    this.maxRedirects = opts.maxRedirects ?? DEFAULTS.maxRedirects;
    this.resolve = opts.resolve ?? systemResolve;
    const common = {
      connections: opts.connections ?? 32,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    };
    this.guarded = new Agent({ ...common, connect: { lookup: checkedLookup(this.resolve) } });
    this.direct = new Agent(common);
  }

  isTrusted(url: URL): boolean {
    return this.trusted.some((p) => withinPrefix(url, p));
  }

  async get(input: URL, signal?: AbortSignal): Promise<SafeFetchResponse> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let url = input;
    try {
      for (let hop = 0; ; hop++) {
        const dispatcher = await this.dispatcherFor(url);
        const res = await request(url, { method: "GET", dispatcher, signal: combined });
        const location = res.headers.location;
        if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") {
          await res.body.dump();
          if (hop >= this.maxRedirects) {
            throw new SafeFetchError("TOO_MANY_REDIRECTS", `more than ${this.maxRedirects} redirects`);
          }
          url = parseHttpUrl(location, url);
          continue;
        }
        const body = await this.readLimited(res);
        return { status: res.statusCode, headers: res.headers, body, url };
      }
    } catch (e) {
      // The caller's own cancellation (a cancelled job) is not a property of the URL.
      if (signal?.aborted && !deadline.aborted) throw e;
      throw this.failure(e, deadline.aborted);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.guarded.close(), this.direct.close()]);
  }

  /** IP literals never go through a resolver, so they are checked here; names are checked on connect. */
  private async dispatcherFor(url: URL): Promise<Agent> {
    if (this.isTrusted(url)) return this.direct;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host) && !isPublicAddress(host)) {
      throw new SafeFetchError("BLOCKED_ADDRESS", `${host} is not a public address`);
    }
    return this.guarded;
  }

  private async readLimited(res: Awaited<ReturnType<typeof request>>): Promise<Buffer> {
    const declared = Number(res.headers["content-length"]);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      res.body.destroy();
      throw new SafeFetchError("TOO_LARGE", `larger than ${this.maxBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > this.maxBytes) {
        res.body.destroy();
        throw new SafeFetchError("TOO_LARGE", `larger than ${this.maxBytes} bytes`);
      }
      chunks.push(buf);
    }
    return Buffer.concat(chunks, total);
  }

  private failure(e: unknown, timedOut: boolean): SafeFetchError {
    if (e instanceof SafeFetchError) return e;
    const cause = (e as { cause?: unknown }).cause;
    if (cause instanceof SafeFetchError) return cause;
    const name = (e as { name?: string }).name;
    if (
      timedOut ||
      name === "TimeoutError" ||
      name === "HeadersTimeoutError" ||
      name === "BodyTimeoutError"
    ) {
      return new SafeFetchError("TIMEOUT", `no complete answer within ${this.timeoutMs} ms`);
    }
    return new SafeFetchError("CONNECTION_FAILED", "connection failed");
  }
}

/** A redirect target or a configured URL: absolute http(s) only, credentials refused. */
export function parseHttpUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new SafeFetchError("BAD_URL", "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SafeFetchError("BAD_URL", `${url.protocol} is not http(s)`);
  }
  if (url.username || url.password) throw new SafeFetchError("BAD_URL", "credentials in URLs are refused");
  return url;
}
