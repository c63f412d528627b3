import { describe, expect, it } from "vitest";
import { ITEM_STATUSES, FINAL_ITEM_STATUSES } from "./statuses";
import { isAllowedTransition } from "./transitions";

describe("item transitions", () => {
  it.each(FINAL_ITEM_STATUSES.filter((s) => s !== "DEAD_LETTERED"))("%s is terminal", (from) => {
    for (const to of ITEM_STATUSES) expect(isAllowedTransition(from, to)).toBe(false);
  });
  it.each([
    ["QUEUED", "RUNNING", true],
    ["QUEUED", "SUCCEEDED", false],
    ["RUNNING", "SUCCEEDED", true],
    ["RUNNING", "QUEUED", true],
    ["FAILED", "RUNNING", true],
    ["DEAD_LETTERED", "QUEUED", true],
    ["DEAD_LETTERED", "RUNNING", false],
    ["CANCELLED", "QUEUED", false],
  ] as const)("%s → %s allowed: %s", (from, to, ok) => {
    expect(isAllowedTransition(from, to)).toBe(ok);
  });
});
