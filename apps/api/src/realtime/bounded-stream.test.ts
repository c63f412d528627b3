import { describe, expect, it } from "vitest";
import { boundedStream } from "./bounded-stream";
import { pushable } from "./pushable";

describe("boundedStream", () => {
  it("passes every value through to a consumer that keeps up, then ends with the source", async () => {
    const source = pushable<number>(() => undefined);
    const out = boundedStream(source, 2, () => expect.fail("a consumer that keeps up is never dropped"));
    const seen: number[] = [];
    const reading = (async () => {
      for await (const v of out) seen.push(v);
    })();
    for (let i = 0; i < 50; i++) {
      source.push(i);
      await new Promise((r) => setImmediate(r));
    }
    source.end();
    await reading;
    expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("holds at most `max` values for a consumer that does not read, then drops it and closes the source", async () => {
    let sourceClosed = false;
    const source = pushable<number>(() => (sourceClosed = true));
    let overflows = 0;
    const out = boundedStream(source, 3, () => overflows++);
    for (let i = 0; i < 3; i++) source.push(i);
    await new Promise((r) => setImmediate(r));
    expect(out.queued).toBe(3);
    expect(overflows).toBe(0);
    source.push(3);
    await new Promise((r) => setImmediate(r));
    expect(overflows).toBe(1);
    expect(out.queued).toBe(0);
    expect(sourceClosed).toBe(true);
    expect(await out.next()).toEqual({ value: undefined, done: true });
  });

  it("hands a failure of the source to the consumer", async () => {
    const source: AsyncIterator<number> = { next: () => Promise.reject(new Error("boom")) };
    await expect(boundedStream(source, 3, () => undefined).next()).rejects.toThrow("boom");
  });

  it("return() closes the source", async () => {
    let sourceClosed = false;
    const out = boundedStream(
      pushable<number>(() => (sourceClosed = true)),
      3,
      () => undefined,
    );
    await out.return!();
    expect(sourceClosed).toBe(true);
  });
});
