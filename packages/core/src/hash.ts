import { createHash } from "node:crypto";
import { InvalidInputError } from "./invalid-input";
import type { ListingPayload } from "./model";

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw new InvalidInputError(
          path,
          "NOT_A_NUMBER",
          `${path} must be a finite number to be hashed, got ${value}`,
        );
      }
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(",")}]`;
      if (!isPlainObject(value)) {
        throw new InvalidInputError(path, "INVALID_FORMAT", `${path} must be plain data to be hashed`);
      }
      const entries = Object.keys(value)
        .sort()
        .filter((k) => value[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${write(value[k], path === "" ? k : `${path}.${k}`)}`);
      return `{${entries.join(",")}}`;
    }
    default:
      throw new InvalidInputError(
        path || "payload",
        "INVALID_FORMAT",
        `${path || "payload"} cannot be hashed (${typeof value})`,
      );
  }
}

/**
 * JSON with object keys sorted and arrays kept in order, so equal content always gives the same
 * text whatever order its keys were set in. Array order is content: the first image is the cover,
 * and variants are sent in the order given. An absent key and a key set to undefined are the same.
 */
export function canonicalJson(value: unknown): string {
  return write(value, "");
}

/**
 * SHA-256 (hex) of the payload's canonical JSON: the delta-sync fingerprint. If it equals the hash
 * stored on the listing, nothing the marketplace would see has changed.
 */
export function contentHash(payload: ListingPayload): string {
  return createHash("sha256").update(canonicalJson(payload), "utf8").digest("hex");
}
