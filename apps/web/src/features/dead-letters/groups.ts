import type { DeadLetterSummaryQuery, Platform, SyncErrorClass } from "../../gql/graphql";

export interface DeadLetterGroup {
  key: string;
  platform: Platform;
  errorClass: SyncErrorClass;
  count: number;
}

const ALIASES: readonly [keyof DeadLetterSummaryQuery, Platform, SyncErrorClass][] = [
  ["shopeeValidation", "SHOPEE", "VALIDATION"],
  ["tiktokValidation", "TIKTOK_SHOP", "VALIDATION"],
  ["shopeeAuthentication", "SHOPEE", "AUTHENTICATION"],
  ["tiktokAuthentication", "TIKTOK_SHOP", "AUTHENTICATION"],
  ["shopeeRateLimit", "SHOPEE", "RATE_LIMIT"],
  ["tiktokRateLimit", "TIKTOK_SHOP", "RATE_LIMIT"],
  ["shopeeNetwork", "SHOPEE", "NETWORK"],
  ["tiktokNetwork", "TIKTOK_SHOP", "NETWORK"],
  ["shopeeSystem", "SHOPEE", "SYSTEM"],
  ["tiktokSystem", "TIKTOK_SHOP", "SYSTEM"],
  ["shopeeUnknown", "SHOPEE", "UNKNOWN"],
  ["tiktokUnknown", "TIKTOK_SHOP", "UNKNOWN"],
];

/** Non-empty groups, largest first; ties keep a stable class-then-platform order. */
export function groupsOf(summary: DeadLetterSummaryQuery): DeadLetterGroup[] {
  const groups: DeadLetterGroup[] = [];
  for (const [alias, platform, errorClass] of ALIASES) {
    const value = summary[alias];
    const count = value && typeof value === "object" && "totalCount" in value ? value.totalCount : 0;
    if (count > 0) groups.push({ key: `${errorClass}:${platform}`, platform, errorClass, count });
  }
  return groups.sort((a, b) => b.count - a.count);
}
