import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { en } from "./en";

type RuleKey = keyof typeof en.refusals.rule;
type CodeKey = keyof typeof en.refusals.code;

const isRule = (r: string): r is RuleKey => Object.hasOwn(en.refusals.rule, r);
const isCode = (c: string): c is CodeKey => Object.hasOwn(en.refusals.code, c);

/**
 * Codes that name only a kind of refusal (which range, which form?): without a rule the server's
 * message says more than any sentence the catalog could hold, so it is shown instead.
 */
export const COARSE_CODES: ReadonlySet<string> = new Set([
  "REQUIRED",
  "INVALID",
  "BLANK",
  "TOO_LONG",
  "TOO_MANY",
  "OUT_OF_RANGE",
  "DUPLICATE",
]);

/** Words a rule's message needs that the server sends as data to be said here (`unit` + `position`). */
export const DERIVED_PARAMS: Partial<Record<RuleKey, readonly string[]>> = { SKU_EARLIER_ROW: ["where"] };

/** A refusal as GraphQL (`params` as name/value pairs) or the import's report (an object) sends it. */
export interface RefusalLike {
  code?: string | null;
  rule?: string | null;
  params?: readonly { name: string; value: string }[] | Readonly<Record<string, string | number>> | null;
  message: string;
}

const WHERE = {
  line: "import.rejected.line",
  row: "import.rejected.row",
  index: "import.rejected.index",
} as const;

function paramsOf(params: RefusalLike["params"]): Record<string, string | number> {
  const entries = Array.isArray(params)
    ? params.map((p: { name: string; value: string }) => [p.name, p.value] as const)
    : Object.entries(params ?? {});
  // Numbers arrive as text over GraphQL; as numbers they are written the reader's way (1.000, not 1000).
  return Object.fromEntries(
    entries.map(([k, v]) => [k, typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v]),
  );
}

/**
 * A refusal in the reader's language: by its rule when the catalog knows it, else by a code that says
 * it all, else the server's own words (a rule or code newer than this dashboard).
 */
export function refusalText(t: TFunction, r: RefusalLike): string {
  if (r.rule && isRule(r.rule)) {
    const params = paramsOf(r.params);
    if (r.rule === "SKU_EARLIER_ROW") {
      const unit = String(params.unit);
      params.where = Object.hasOwn(WHERE, unit)
        ? t(WHERE[unit as keyof typeof WHERE], { position: params.position })
        : `${unit} ${String(params.position)}`;
    }
    return t(`refusals.rule.${r.rule}`, params);
  }
  if (r.code && !COARSE_CODES.has(r.code) && isCode(r.code)) return t(`refusals.code.${r.code}`);
  return r.message;
}

export function useRefusal(): (r: RefusalLike) => string {
  const { t } = useTranslation();
  return (r) => refusalText(t, r);
}
