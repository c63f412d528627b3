/**
 * Fault and load injection shared by both simulators. Tests, benchmarks and demos drive it through
 * the `/__sim/` control API; the platform code only asks `gate()` before answering a call.
 */
export interface SimSettings {
  /** Added to every answer. */
  latencyMs: number;
  /** Uniform random extra latency in [0, jitterMs). */
  jitterMs: number;
  /** Requests per second allowed per shop; past it the platform's rate-limit answer (HTTP 429). null = unlimited. */
  qpsPerShop: number | null;
  /** Probability in [0, 1] of answering with the platform's internal-error envelope and HTTP 500/503. */
  errorRate: number;
  /** Probability in [0, 1] of never answering (the socket is held until the client gives up). */
  timeoutRate: number;
  /** Lifetime of newly issued access tokens, seconds (Shopee: 4 h, TikTok Shop: 7 days in production). */
  accessTokenTtlSec: number;
  /** Lifetime of newly issued refresh tokens, seconds (Shopee: 30 days). */
  refreshTokenTtlSec: number;
  /** Lifetime of a seller authorization code, seconds (Shopee documents 10 minutes). */
  authCodeTtlSec: number;
  /** How long a review takes before `autoReview` decides it. */
  reviewDelayMs: number;
  /** When false, reviews stay pending until `POST /__sim/review` decides them. */
  autoReview: boolean;
  /** New products a shop may list per day (TikTok Shop: 100 for a new shop); null = no quota. */
  dailyListingQuota: number | null;
  /** Where status webhooks are POSTed; null = none. */
  webhookUrl: string | null;
  /**
   * Shopee: how long after `add_item` an item accepts `init_tier_variation`. Shopee documents at least
   * 5 s; the default is small so tests stay fast, and the rule is still there to be honoured.
   */
  tierVariationWaitMs: number;
}

export const DEFAULT_SIM_SETTINGS: SimSettings = {
  latencyMs: 0,
  jitterMs: 0,
  qpsPerShop: null,
  errorRate: 0,
  timeoutRate: 0,
  accessTokenTtlSec: 4 * 3600,
  refreshTokenTtlSec: 30 * 24 * 3600,
  authCodeTtlSec: 600,
  reviewDelayMs: 2000,
  autoReview: true,
  dailyListingQuota: null,
  webhookUrl: null,
  tierVariationWaitMs: 50,
};

export type GateOutcome = "ok" | "rate_limited" | "error" | "timeout";

export interface SimStats {
  calls: Record<string, number>;
  /**
   * Calls per method and endpoint (`PUT /product/202309/products/{product_id}`): where one path
   * serves a read and a write, this tells a full update from a look.
   */
  requests: Record<string, number>;
  totalCalls: number;
  rateLimited: number;
  /** Unix ms of the last 429 served, so a benchmark can tell whether throttling settled. */
  lastRateLimitedAt: number | null;
  errors: number;
  timeouts: number;
  rejected: Record<string, number>;
}

/**
 * One listing as a marketplace holds it (`GET /__sim/listings`), in the same shape for both: what a
 * fault test compares with the ledger to find duplicates, orphans, half-created items and wrong prices.
 */
export interface SimListingView {
  shop: string;
  externalId: string;
  /** The listing's own seller SKU (Shopee `item_sku`; TikTok Shop: its first SKU's `seller_sku`). */
  sellerSku: string;
  status: string;
  /** Shopee: the item price when it has no models; TikTok Shop: null (prices live on SKUs). */
  price: number | null;
  variants: { sellerSku: string; price: number }[];
}

/** A fault served to the next matching calls, whatever the random rates say (`/__sim/faults`). */
export interface ScriptedFault {
  /** The endpoint as the simulator names it (`/api/v2/product/init_tier_variation`, `/product/202309/products`). */
  endpoint: string;
  outcome: Exclude<GateOutcome, "ok">;
  /** How many matching calls get it. */
  count: number;
}

export class SimControl {
  settings: SimSettings;
  stats: SimStats = SimControl.emptyStats();
  private scripted: ScriptedFault[] = [];
  /** Per shop: [current second, calls in it]. A fixed one-second window, as the platforms describe their QPS limits. */
  private windows = new Map<string, { second: number; count: number }>();

  constructor(
    initial: Partial<SimSettings> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.settings = { ...DEFAULT_SIM_SETTINGS, ...initial };
  }

  static emptyStats(): SimStats {
    return {
      calls: {},
      requests: {},
      totalCalls: 0,
      rateLimited: 0,
      lastRateLimitedAt: null,
      errors: 0,
      timeouts: 0,
      rejected: {},
    };
  }

  /** Serves `outcome` to the next `count` calls of `endpoint`, before any random fault. */
  injectFault(fault: ScriptedFault): void {
    if (fault.count > 0) this.scripted.push({ ...fault });
  }

  /** Faults still waiting for their calls. */
  get pendingFaults(): readonly ScriptedFault[] {
    return this.scripted;
  }

  update(patch: Partial<SimSettings>): SimSettings {
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  /** Records a call and decides its fate. Waits for the configured latency before answering "ok". */
  async gate(
    shopKey: string,
    endpoint: string,
    now: number = Date.now(),
    method?: string,
  ): Promise<GateOutcome> {
    this.stats.totalCalls++;
    this.stats.calls[endpoint] = (this.stats.calls[endpoint] ?? 0) + 1;
    if (method) {
      const key = `${method} ${endpoint}`;
      this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;
    }
    const script = this.scripted.find((f) => f.endpoint === endpoint);
    if (script) {
      if (--script.count <= 0) this.scripted = this.scripted.filter((f) => f !== script);
      if (script.outcome === "rate_limited") {
        this.stats.rateLimited++;
        this.stats.lastRateLimitedAt = now;
      } else if (script.outcome === "error") this.stats.errors++;
      else this.stats.timeouts++;
      return script.outcome;
    }
    const s = this.settings;
    if (s.qpsPerShop !== null) {
      const second = Math.floor(now / 1000);
      const w = this.windows.get(shopKey);
      if (!w || w.second !== second) this.windows.set(shopKey, { second, count: 1 });
      else if (++w.count > s.qpsPerShop) {
        this.stats.rateLimited++;
        this.stats.lastRateLimitedAt = now;
        return "rate_limited";
      }
    }
    if (s.timeoutRate > 0 && this.random() < s.timeoutRate) {
      this.stats.timeouts++;
      return "timeout";
    }
    const delay = s.latencyMs + (s.jitterMs > 0 ? this.random() * s.jitterMs : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (s.errorRate > 0 && this.random() < s.errorRate) {
      this.stats.errors++;
      return "error";
    }
    return "ok";
  }

  /** Counts a request the simulator refused on its merits (bad sign, expired token, bad param…). */
  reject(code: string): void {
    this.stats.rejected[code] = (this.stats.rejected[code] ?? 0) + 1;
  }

  /** Milliseconds until the current rate-limit window ends: what a Retry-After header should say. */
  msUntilNextWindow(now: number = Date.now()): number {
    return 1000 - (now % 1000);
  }

  resetStats(): void {
    this.stats = SimControl.emptyStats();
    this.scripted = [];
    this.windows.clear();
  }
}
