import { isIP } from "node:net";
import { z } from "zod";
import { loadDotEnv } from "./env-file";
import { weakSecretReason } from "./secret-strength";
export * from "./logger";
export * from "./env-file";
export * from "./secret-strength";
export * from "./metrics-access";

/**
 * One environment schema for every process (api, worker, simulators, CLIs).
 * The marketplace variables are read by both the clients and the simulators, so the
 * embedded simulators accept exactly the credentials the clients sign with.
 */
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * TRUST_PROXY as Express' "trust proxy" setting: false (trust no peer), a hop count, or a list of
 * addresses, CIDR ranges and named ranges; null when the text is none of these.
 */
export function parseTrustProxy(text: string): false | number | string[] | null {
  const t = text.trim();
  if (t === "" || t === "false") return false;
  if (/^\d+$/.test(t)) return Number(t);
  const entries = t
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const named = new Set(["loopback", "linklocal", "uniquelocal"]);
  const address = (a: string) => isIP(a) !== 0;
  const valid = entries.every((e) => {
    if (named.has(e)) return true;
    const [addr, bits, ...rest] = e.split("/");
    if (rest.length > 0 || !addr || !address(addr)) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(addr) === 4 ? 32 : 128));
  });
  return valid && entries.length > 0 ? entries : null;
}

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** How `pnpm start` prints its processes' JSON log lines: pretty (default) or json as written. */
  LOG_FORMAT: z.enum(["pretty", "json"]).default("pretty"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default("postgres://postgres@127.0.0.1:5432/syncstore"),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
  /** Namespace of every Redis key and pub/sub topic, so several SyncStores (or test runs) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, "letters, digits, _ and - only (at most 40)")
    .default("syncstore"),
  PORT: port.default(4000),
  /** Listen address; loopback by default so a development machine does not serve its network. */
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  /**
   * URL prefixes the worker may fetch images from although they resolve to private addresses (an
   * internal CDN). The product's own `/media/` is always allowed; everything else must be public.
   */
  IMAGE_FETCH_ALLOW: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  SYNC_CONCURRENCY: positiveInt.max(1000).default(64),
  /** The worker's own HTTP port: /healthz and /metrics only. */
  WORKER_PORT: port.default(4001),
  /** Largest batch (products × channels) one request may start. */
  SYNC_MAX_BATCH_ITEMS: positiveInt.default(100_000),
  /** A listing under marketplace review is first checked this long after the write, then with doubling waits. */
  REVIEW_CHECK_DELAY_MS: positiveInt.max(3_600_000).default(2500),
  /** The longest wait between two checks of a listing still under review. */
  REVIEW_CHECK_MAX_DELAY_MS: positiveInt.max(86_400_000).default(600_000),
  /**
   * How often the worker retries one transient dead letter (NETWORK, SYSTEM, UNKNOWN, RATE_LIMIT) on its
   * own once its channel answers again; 0 = never, a person retries. Counted in PostgreSQL.
   */
  DEAD_LETTER_AUTO_RETRIES: z.coerce.number().int().min(0).max(100).default(3),
  /** A dead letter is retried automatically no sooner than this after its last failure. */
  DEAD_LETTER_AUTO_RETRY_INTERVAL_MS: positiveInt.max(86_400_000).default(300_000),
  /** How often a channel with such dead letters is probed with a cheap read to see whether it is healthy. */
  DEAD_LETTER_PROBE_INTERVAL_MS: positiveInt.max(3_600_000).default(30_000),
  /**
   * Automatic sync: an edited product is synced this long after its latest edit, so a burst of edits
   * becomes one marketplace write per channel.
   */
  AUTO_SYNC_DEBOUNCE_MS: positiveInt.max(600_000).default(1000),
  /** …and at most this long after its first unsynced edit, however often it is edited. */
  AUTO_SYNC_MAX_WAIT_MS: positiveInt.max(3_600_000).default(5000),
  /** How often a worker looks for due edits; 0 = this worker does not run automatic sync. */
  AUTO_SYNC_POLL_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  ADMIN_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  SESSION_SECRET: z
    .string()
    .min(16, "must be at least 16 characters")
    .default("dev-only-session-secret-change-me"),
  SECRETS_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  /** The key SECRETS_KEY replaces: values sealed with it still open, and are re-sealed with SECRETS_KEY when read. */
  SECRETS_KEY_PREVIOUS: z.string().min(16, "must be at least 16 characters").optional(),
  /** Bearer token /metrics asks for; unset = only this machine in development, nobody in production. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * OTLP collector the API and worker send traces to; unset = tracing off (no SDK loaded). Read by the
   * OpenTelemetry SDK itself before the config is loaded; validated here so a typo fails at boot.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().max(100).optional(),
  PLAYGROUND_ENABLED: bool.optional(),
  INTROSPECTION_ENABLED: bool.optional(),
  CORS_ORIGINS: z.string().default(""),
  /**
   * Hosts (name[:port], comma-separated) the API is publicly reached at: browser origins on them are
   * the API's own. Unset: the host of PUBLIC_URL, else this machine's loopback names.
   */
  PUBLIC_HOSTS: z
    .string()
    .default("")
    .refine(
      (s) =>
        s
          .split(",")
          .map((h) => h.trim())
          .filter(Boolean)
          .every((h) => /^(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9.-]+)(:\d{1,5})?$/.test(h)),
      "must be host names or host:port pairs, comma-separated",
    ),
  /**
   * Which peers may set X-Forwarded-For (so per-IP limits see the real client): empty = none,
   * a number = that many proxy hops, or comma-separated addresses, CIDR ranges and the names
   * loopback, linklocal, uniquelocal.
   */
  TRUST_PROXY: z
    .string()
    .default("")
    .refine(
      (s) => parseTrustProxy(s) !== null,
      "must be empty, a hop count, or addresses/CIDRs/loopback,linklocal,uniquelocal",
    ),
  /** Hours a sign-in session lasts (fractions allowed, at most 90 days). */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  /** Single sign-on: accept JWTs from this OpenID Connect issuer (unset = off). */
  OIDC_ISSUER: z.url().optional(),
  /** The `aud` the issuer puts in tokens meant for SyncStore; required when OIDC_ISSUER is set. */
  OIDC_AUDIENCE: z.string().min(1).optional(),
  /** Where the issuer's signing keys are; default OIDC_ISSUER + /.well-known/jwks.json. */
  OIDC_JWKS_URL: z.url().optional(),
  /** The claim (a dotted path such as realm_access.roles works) holding ADMIN, OPERATOR or VIEWER. */
  OIDC_ROLE_CLAIM: z.string().min(1).default("role"),
  /** Sustained requests per minute per API key, user or (anonymous) IP address. */
  API_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
  /** Requests a caller may send at once before the per-minute rate applies. */
  API_RATE_LIMIT_BURST: positiveInt.default(100),
  /** Deepest field nesting a GraphQL operation may have. */
  QUERY_MAX_DEPTH: positiveInt.max(100).default(12),
  /** Highest calculated cost a GraphQL operation may have (objects 1, connections × first, mutations 10). */
  QUERY_MAX_COST: positiveInt.default(5000),
  /**
   * Seconds between re-checks of every open WebSocket's credential, for changes nobody announced (SQL by
   * hand, a lost pub/sub message); announced ones close sockets at once.
   */
  WS_REVALIDATE_SECONDS: z.coerce.number().positive().max(3600).default(15),
  /** Open WebSockets one API key or person may hold on one API instance; more are closed with 4429. */
  WS_MAX_SOCKETS_PER_CREDENTIAL: positiveInt.default(50),
  /** Open WebSockets one client address may hold on one API instance; more are refused with HTTP 429. */
  WS_MAX_SOCKETS_PER_IP: positiveInt.default(200),
  /** New WebSockets per minute per client address (all instances together), WS_CONNECT_BURST at once. */
  WS_CONNECT_RATE_PER_MINUTE: positiveInt.default(120),
  WS_CONNECT_BURST: positiveInt.default(60),
  /** Messages one subscription may have waiting for a slow client; beyond, the socket is closed with 1013. */
  WS_SUBSCRIPTION_QUEUE: positiveInt.default(500),
  SIM_ENABLED: bool.default(true),
  SIM_SHOPEE_PORT: port.default(4101),
  SIM_TIKTOK_PORT: port.default(4102),
  /** The TikTok Shop simulator's auth host (consent pages, token endpoints), apart from its API host. */
  SIM_TIKTOK_AUTH_PORT: port.default(4103),
  SHOPEE_API_BASE: z.url().default("http://127.0.0.1:4101"),
  SHOPEE_PARTNER_ID: positiveInt.default(1000001),
  SHOPEE_PARTNER_KEY: z.string().min(1).default("sim-shopee-partner-key"),
  SHOPEE_SHOP_ID: positiveInt.default(2000001),
  // Shopee: "wait at least 5 seconds after creating an item before creating variants".
  SHOPEE_TIER_VARIATION_WAIT_MS: z.coerce.number().int().min(0).default(5000),
  SHOPEE_ACCESS_TOKEN: z.string().min(1).default("sim-shopee-access-token"),
  SHOPEE_REFRESH_TOKEN: z.string().min(1).default("sim-shopee-refresh-token"),
  TIKTOK_API_BASE: z.url().default("http://127.0.0.1:4102"),
  TIKTOK_APP_KEY: z.string().min(1).default("simtiktokappkey"),
  TIKTOK_APP_SECRET: z.string().min(1).default("sim-tiktok-app-secret"),
  TIKTOK_SHOP_CIPHER: z.string().min(1).default("SIMSHOPCIPHER"),
  TIKTOK_ACCESS_TOKEN: z.string().min(1).default("sim-tiktok-access-token"),
  TIKTOK_REFRESH_TOKEN: z.string().min(1).default("sim-tiktok-refresh-token"),
  /** TikTok Shop's auth host: seller authorization pages and the token endpoints (get, refresh). */
  TIKTOK_AUTH_BASE: z.url().default("http://127.0.0.1:4103"),
  /** The app's redirect URL as registered with TikTok Shop: where the consent page sends the seller. */
  TIKTOK_REDIRECT_URL: z.url().default("http://127.0.0.1:4000/connect/tiktok/callback"),
  /** The app's service id, named by the newer authorization link (`/open/authorize?service_id=`). */
  TIKTOK_SERVICE_ID: z.string().min(1).default("sim-tiktok-service-id"),
});

export type Config = z.infer<typeof configSchema>;

/** Production refuses secrets anyone could know: the documented defaults, short or missing ones. */
function productionSecretIssues(config: Config): { variable: string; message: string }[] {
  if (config.NODE_ENV !== "production") return [];
  const issues: { variable: string; message: string }[] = [];
  for (const variable of ["SESSION_SECRET", "SECRETS_KEY"] as const) {
    const reason = weakSecretReason(config[variable]);
    if (reason) issues.push({ variable, message: reason });
  }
  if (config.SECRETS_KEY !== undefined && config.SECRETS_KEY === config.SESSION_SECRET) {
    issues.push({ variable: "SECRETS_KEY", message: "must differ from SESSION_SECRET" });
  }
  return issues;
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super("Invalid configuration:\n" + issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n"));
    this.name = "ConfigError";
  }
}

/**
 * Validates the environment once; throws ConfigError naming every bad variable. Without an argument
 * it reads the process environment after `.env` of the working directory (the real environment wins);
 * with one it reads exactly what it is given, so tests never depend on a developer's `.env`.
 */
/** Unset means on in development and off in production, for the playground and introspection alike. */
export function playgroundEnabled(config: Pick<Config, "PLAYGROUND_ENABLED" | "NODE_ENV">): boolean {
  return config.PLAYGROUND_ENABLED ?? config.NODE_ENV !== "production";
}
export function introspectionEnabled(config: Pick<Config, "INTROSPECTION_ENABLED" | "NODE_ENV">): boolean {
  return config.INTROSPECTION_ENABLED ?? config.NODE_ENV !== "production";
}

export function loadConfig(given?: NodeJS.ProcessEnv): Config {
  if (!given) loadDotEnv();
  const env = given ?? process.env;
  // Empty strings in .env files mean "not set", not "set to empty".
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") cleaned[k] = v;
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: i.path.join(".") || "(root)", message: i.message })),
    );
  }
  const issues = productionSecretIssues(parsed.data);
  if (issues.length) throw new ConfigError(issues);
  return parsed.data;
}
export * from "./secrets-box";
