import type { ProblemCode } from "./problems";

/**
 * Thrown by the pure functions when an argument cannot be used at all (a price that is not a number,
 * a multiplier of zero). It carries the field and a problem code so a caller can turn it into a
 * ValidationProblem instead of crashing.
 */
export class InvalidInputError extends Error {
  readonly field: string;
  readonly code: ProblemCode;

  constructor(field: string, code: ProblemCode, message: string) {
    super(message);
    this.name = "InvalidInputError";
    this.field = field;
    this.code = code;
  }
}

/** A short, safe rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return typeof value;
}
