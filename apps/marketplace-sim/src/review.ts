import type { SimControl } from "./control";

export type ReviewResult = "APPROVE" | "REJECT";

/** A rule set through `/__sim/review/rules`: what the review decides for listings it matches. */
export interface ReviewRule {
  /** Matches a listing one of whose seller SKUs starts with this. */
  sku?: string;
  /** Matches a listing whose title contains this, case-insensitively. */
  titleContains?: string;
  result: ReviewResult;
  reason: string;
}

export interface UnderReview {
  /** The platform's id: TikTok product id, Shopee item id. */
  id: string;
  title: string;
  skus: readonly string[];
}

export interface Decision {
  result: ReviewResult;
  reason: string;
}

/**
 * The marketplace's review of listings: a submitted listing waits `reviewDelayMs` and is then
 * decided by the first matching rule (approved when none matches), unless `autoReview` is off;
 * `POST /__sim/review` decides it at once. Timers never keep the process alive.
 */
export class ReviewDesk {
  rules: ReviewRule[] = [];
  private readonly pending = new Map<string, { item: UnderReview; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly control: SimControl,
    private readonly decide: (id: string, decision: Decision) => void,
  ) {}

  /** The rule a listing falls under, if any. */
  ruleFor(item: UnderReview): ReviewRule | undefined {
    return this.rules.find(
      (r) =>
        (r.sku === undefined || item.skus.some((s) => s.startsWith(r.sku!))) &&
        (r.titleContains === undefined || item.title.toLowerCase().includes(r.titleContains.toLowerCase())),
    );
  }

  submit(item: UnderReview): void {
    this.cancel(item.id);
    const { autoReview, reviewDelayMs } = this.control.settings;
    const timer = autoReview
      ? setTimeout(() => this.settle(item.id, this.verdict(item)), reviewDelayMs).unref()
      : null;
    this.pending.set(item.id, { item, timer });
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  /** Decides the pending reviews that match now; returns their ids. */
  decideNow(match: (item: UnderReview) => boolean, decision: Decision): string[] {
    const ids = [...this.pending.values()].filter((p) => match(p.item)).map((p) => p.item.id);
    for (const id of ids) this.settle(id, decision);
    return ids;
  }

  cancel(id: string): void {
    const p = this.pending.get(id);
    if (p?.timer) clearTimeout(p.timer);
    this.pending.delete(id);
  }

  clear(): void {
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer);
    this.pending.clear();
    this.rules = [];
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private verdict(item: UnderReview): Decision {
    const rule = this.ruleFor(item);
    return rule ? { result: rule.result, reason: rule.reason } : { result: "APPROVE", reason: "" };
  }

  private settle(id: string, decision: Decision): void {
    if (!this.pending.has(id)) return;
    this.cancel(id);
    this.decide(id, decision);
  }
}

/** Reads the body of `/__sim/review` or `/__sim/review/rules`; a string is the error. */
export function parseReviewCommand(
  body: unknown,
  platform: string,
): { sku?: string; externalId?: string; decision: Decision } | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "body must be a JSON object";
  const b = body as Record<string, unknown>;
  if (b.platform !== undefined && b.platform !== platform)
    return `platform must be ${platform} on this simulator, got ${JSON.stringify(b.platform)}`;
  if (b.result !== "APPROVE" && b.result !== "REJECT") return 'result must be "APPROVE" or "REJECT"';
  for (const k of ["sku", "externalId", "reason"] as const)
    if (b[k] !== undefined && typeof b[k] !== "string") return `${k} must be a string`;
  return {
    ...(b.sku !== undefined ? { sku: b.sku as string } : {}),
    ...(b.externalId !== undefined ? { externalId: b.externalId as string } : {}),
    decision: {
      result: b.result,
      reason:
        (b.reason as string | undefined) ??
        (b.result === "REJECT" ? "Rejected by the simulator's review." : ""),
    },
  };
}

export function parseReviewRule(body: unknown, platform: string): ReviewRule | string {
  const command = parseReviewCommand(body, platform);
  if (typeof command === "string") return command;
  const b = body as Record<string, unknown>;
  if (b.titleContains !== undefined && typeof b.titleContains !== "string")
    return "titleContains must be a string";
  if (command.sku === undefined && b.titleContains === undefined) return "a rule needs sku or titleContains";
  return {
    ...(command.sku !== undefined ? { sku: command.sku } : {}),
    ...(b.titleContains !== undefined ? { titleContains: b.titleContains as string } : {}),
    result: command.decision.result,
    reason: command.decision.reason,
  };
}
