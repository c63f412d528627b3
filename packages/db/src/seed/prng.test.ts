import { describe, expect, it } from "vitest";
import { hash32, Rng } from "./prng";

describe("Rng", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Rng(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Rng(42)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Rng(43)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it("keeps int within bounds and covers them", () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n >= 3 && n <= 7).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("samples distinct items", () => {
    const s = new Rng(9).sample([1, 2, 3, 4, 5], 3);
    expect(new Set(s).size).toBe(3);
  });

  it("hashes strings stably", () => {
    expect(hash32("")).toBe(0x811c9dc5);
    expect(hash32("fashion")).toBe(hash32("fashion"));
    expect(hash32("fashion")).not.toBe(hash32("beauty"));
  });
});
