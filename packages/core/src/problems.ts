import type { RuleRef } from "./refusal-rules";

/**
 * Why a listing cannot be sent, as data: the worker turns these into one VALIDATION failure and the
 * API shows them as `userErrors`, so every problem names the field it is about.
 */
export const PROBLEM_CODES = [
  "REQUIRED",
  "TOO_SHORT",
  "TOO_LONG",
  "TOO_FEW",
  "TOO_MANY",
  "NOT_A_NUMBER",
  "NOT_POSITIVE",
  "NEGATIVE",
  "NOT_INTEGER",
  "OUT_OF_RANGE",
  "INVALID_FORMAT",
  "DUPLICATE",
  "PRICE_SPREAD",
  "CURRENCY_MISMATCH",
  "INVALID_SETTING",
  "UNMAPPED",
  "NOT_IN_LIST",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface ValidationProblem {
  /** `title`, `images`, `dimensions.widthCm`, `variants[2].sellerSku`… */
  field: string;
  code: ProblemCode;
  message: string;
  /** The exact rule, where the code alone cannot be said in another language (see refusal-rules). */
  rule?: RuleRef["rule"];
  params?: RuleRef["params"];
}

export function problem(field: string, code: ProblemCode, message: string, ref?: RuleRef): ValidationProblem {
  return ref ? { field, code, message, rule: ref.rule, params: ref.params } : { field, code, message };
}
