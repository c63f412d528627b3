import { describe, expect, it } from "vitest";
import { SingleFlight } from "./single-flight";

describe("SingleFlight", () => {
  it("shares one run per key among concurrent callers, and runs again once it settled", async () => {
    const flights = new SingleFlight<string, number>();
    let runs = 0;
    const work = async () => {
      const mine = ++runs;
      await new Promise((r) => setTimeout(r, 5));
      return mine;
    };
    const [a, b, c] = await Promise.all([
      flights.run("k", work),
      flights.run("k", work),
      flights.run("other", work),
    ]);
    expect(a).toBe(b);
    expect(runs).toBe(2);
    expect(c).not.toBe(a);
    await flights.run("k", work);
    expect(runs).toBe(3);
  });

  it("frees the key after a failure", async () => {
    const flights = new SingleFlight<string, number>();
    await expect(flights.run("k", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(flights.run("k", async () => 7)).resolves.toBe(7);
  });
});
