import { describe, expect, it } from "vitest";
import { hashPassword, normalizeEmail, passwordProblem, verifyDecoy, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("hash with argon2id and verify only the same password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash).toContain("m=65536");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
    expect(await hashPassword("correct horse battery")).not.toBe(hash); // salted
  });

  it("treat a corrupt stored hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });

  it("never accept anything through the decoy", async () => {
    expect(await verifyDecoy("decoy password that matches nothing")).toBe(false);
  });

  it.each([
    ["123456789", "must be at least 10 characters"],
    ["x".repeat(257), "must be at most 256 characters"],
    [" ".repeat(12), "must not be only spaces"],
    ["long enough pass", null],
    ["x".repeat(256), null],
  ])("%j: %s", (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["  Alice@Example.com ", { email: "Alice@Example.com" }],
    ["", { problem: "is required", rule: "REQUIRED", params: {} }],
    ["alice", { problem: "is not an email address", rule: "EMAIL", params: {} }],
    ["alice@example", { problem: "is not an email address", rule: "EMAIL", params: {} }],
    ["a b@example.com", { problem: "is not an email address", rule: "EMAIL", params: {} }],
    [
      `${"a".repeat(250)}@x.io`,
      { problem: "must be at most 254 characters", rule: "MAX_LENGTH", params: { max: 254, actual: 255 } },
    ],
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmail(input)).toEqual(expected);
  });
});
