import { describe, expect, it } from "vitest";
import { ITEM_STATUSES, FINAL_ITEM_STATUSES } from "./statuses";
import { isAllowedTransition } from "./transitions";

describe("item transitions", () => {
  it("SUCCEEDED is terminal", () => {
    for (const to of ITEM_STATUSES) expect(isAllowedTransition("SUCCEEDED", to)).toBe(false);
  });
  it.each(FINAL_ITEM_STATUSES.filter((s) => s !== "SUCCEEDED" && s !== "DEAD_LETTERED"))(
    "%s can only become SUCCEEDED (a write of the batch that went through)",
    (from) => {
      expect(ITEM_STATUSES.filter((to) => isAllowedTransition(from, to))).toEqual(["SUCCEEDED"]);
    },
  );
  it("every status but SUCCEEDED accepts a success", () => {
    expect(ITEM_STATUSES.filter((from) => !isAllowedTransition(from, "SUCCEEDED"))).toEqual(["SUCCEEDED"]);
  });
  it.each([
    ["QUEUED", "RUNNING", true],
    ["QUEUED", "SUCCEEDED", true],
    ["QUEUED", "QUEUED", false],
    ["RUNNING", "SUCCEEDED", true],
    ["RUNNING", "QUEUED", true],
    ["FAILED", "RUNNING", true],
    ["DEAD_LETTERED", "QUEUED", true],
    ["DEAD_LETTERED", "RUNNING", false],
    ["DEAD_LETTERED", "FAILED", false],
    ["CANCELLED", "QUEUED", false],
  ] as const)("%s → %s allowed: %s", (from, to, ok) => {
    expect(isAllowedTransition(from, to)).toBe(ok);
  });
});
