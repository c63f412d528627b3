import { currencyDecimals as coreCurrencyDecimals } from "@syncstore/core/currency";
import i18next from "i18next";
import { INTL_LOCALES, isLanguage, type Language } from "../i18n/languages";

/**
 * Every number, price and date is formatted with the dashboard's active language (Intl does the
 * work), so an Indonesian reader sees "Rp 129.000" and "3 Des 2026" and an English one "IDR 129,000".
 * Each function takes the language as an optional last argument for tests and odd callers.
 */
function activeLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lng) ? lng : "en";
}

/** One Intl formatter per (kind, locale, options): building them is the slow part. */
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.DisplayNames;
const cache = new Map<string, Formatter>();
function cached<T extends Formatter>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

/** Fraction digits of a price in this currency, by the rule the sync rounds with; 2 for a malformed code. */
function currencyDecimals(currency: string): number {
  try {
    return coreCurrencyDecimals(currency);
  } catch {
    return 2;
  }
}

/** `"129000.00"`, IDR → `"Rp 129.000"` in Indonesian, `"IDR 129,000"` in English. */
export function formatMoney(
  amount: string | number | null | undefined,
  currency: string,
  lng: Language = activeLanguage(),
): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return String(amount);
  const locale = INTL_LOCALES[lng].numbers;
  const format = cached(`money:${locale}:${currency}`, () => {
    const digits = currencyDecimals(currency);
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  });
  return format.format(value).replace(/\u00a0/g, " ");
}

export function formatCount(n: number | null | undefined, lng: Language = activeLanguage()): string {
  if (n === null || n === undefined) return "—";
  const locale = INTL_LOCALES[lng].numbers;
  return cached(`count:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

/** A price multiplier as the reader writes decimals: `1.15` → `"1.15"` / `"1,15"`. */
export function formatMultiplier(n: number, lng: Language = activeLanguage()): string {
  const locale = INTL_LOCALES[lng].numbers;
  return cached(
    `multiplier:${locale}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }),
  ).format(n);
}

/** A rate or measurement with a fixed number of decimals: `2.345` → `"2.3"` / `"2,3"`. */
export function formatDecimal(n: number, digits = 1, lng: Language = activeLanguage()): string {
  const locale = INTL_LOCALES[lng].numbers;
  return cached(
    `decimal:${locale}:${digits}`,
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(n);
}

export function formatPercent(percent: number, lng: Language = activeLanguage()): string {
  const clamped = Math.min(100, Math.max(0, percent));
  const locale = INTL_LOCALES[lng].numbers;
  return cached(
    `percent:${locale}`,
    () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }),
  ).format(clamped / 100);
}

function unit(value: number, u: "second" | "minute" | "hour", locale: string): string {
  return cached(
    `unit:${locale}:${u}`,
    () => new Intl.NumberFormat(locale, { style: "unit", unit: u, unitDisplay: "short" }),
  )
    .format(value)
    .replace(/\u00a0/g, " ");
}

/** `75` → `"1 min 15 sec"` (`"1 mnt 15 dtk"`); "—" while there is nothing to estimate from. */
export function formatDuration(seconds: number | null | undefined, lng: Language = activeLanguage()): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "—";
  const locale = INTL_LOCALES[lng].numbers;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return unit(s, "second", locale);
  const m = Math.floor(s / 60);
  if (m < 60)
    return s % 60
      ? `${unit(m, "minute", locale)} ${unit(s % 60, "second", locale)}`
      : unit(m, "minute", locale);
  const h = Math.floor(m / 60);
  return m % 60 ? `${unit(h, "hour", locale)} ${unit(m % 60, "minute", locale)}` : unit(h, "hour", locale);
}

export function formatDateTime(iso: string | null | undefined, lng: Language = activeLanguage()): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = INTL_LOCALES[lng].dates;
  return cached(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }),
  ).format(d);
}

/** "just now", "5 min. ago", "3 hr. ago", else the date: recent things matter to someone watching a sync. */
export function formatRelative(
  iso: string | null | undefined,
  now: number = Date.now(),
  lng: Language = activeLanguage(),
): string {
  if (!iso) return i18next.t("time.never", { lng });
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.round((now - t) / 1000);
  if (s < 10) return i18next.t("time.justNow", { lng });
  if (s >= 86_400) return formatDateTime(iso, lng);
  const locale = INTL_LOCALES[lng].numbers;
  const rtf = cached(
    `relative:${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: "always", style: "short" }),
  );
  if (s < 60) return rtf.format(-s, "second");
  if (s < 3600) return rtf.format(-Math.floor(s / 60), "minute");
  return rtf.format(-Math.floor(s / 3600), "hour");
}

/** `"ID"` → `"Indonesia"` (region) or `"IDR"` → `"Rupiah Indonesia"` (currency); the code itself when Intl does not know it. */
export function formatCodeName(
  code: string,
  type: "region" | "currency",
  lng: Language = activeLanguage(),
): string {
  const locale = INTL_LOCALES[lng].numbers;
  try {
    return (
      cached(`names:${locale}:${type}`, () => new Intl.DisplayNames([locale], { type })).of(code) ?? code
    );
  } catch {
    // A malformed code (RangeError) is shown as it came.
    return code;
  }
}

export const PLATFORM_LABEL: Record<string, string> = {
  SHOPEE: "Shopee",
  TIKTOK_SHOP: "TikTok Shop",
};

export function platformLabel(platform: string): string {
  return PLATFORM_LABEL[platform] ?? platform;
}

/** `"OUT_OF_DATE"` → `"Out of date"`: only for constants the catalog does not know (a newer server). */
export function humanize(constant: string): string {
  const words = constant.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
