import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  it("writes JSON lines with numeric levels, the name, and a child's correlation fields", () => {
    const { lines, destination } = capture();
    const log = createLogger("worker", "info", { destination });
    log.debug("not shown");
    log
      .child({ platform: "SHOPEE", channelId: "1" })
      .child({ batchId: "b-1", itemId: "i-1" })
      .warn("item retried", { attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      name: "worker",
      msg: "item retried",
      platform: "SHOPEE",
      channelId: "1",
      batchId: "b-1",
      itemId: "i-1",
      attempt: 2,
    });
  });

  it("keeps an error's name, message and stack", () => {
    const { lines, destination } = capture();
    createLogger("api", "info", { destination }).error("failed", new TypeError("boom"));
    expect(lines[0]).toMatchObject({ level: 50, msg: "failed", err: { type: "TypeError", message: "boom" } });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain("TypeError: boom");
  });

  it("redacts credentials a caller passed by mistake, in fields, nested bodies, messages and errors", () => {
    const { lines, destination } = capture();
    const log = createLogger("worker", "info", { destination });
    log.info("called https://x.test/api?partner_id=1&access_token=tok123456&sign=abcdef", {
      request: { body: { refresh_token: "rt-secret", item: { password: "pw-secret" } } },
      headers: { authorization: "Bearer key-secret", "x-tts-access-token": "tts-secret" },
    });
    log.error("refresh failed", new Error("Authorization: Bearer key-secret2 refused"));
    log.info("value", "plain text");
    const text = JSON.stringify(lines);
    for (const secret of ["tok123456", "abcdef", "rt-secret", "pw-secret", "key-secret", "tts-secret"])
      expect(text).not.toContain(secret);
    expect(text).toContain("[REDACTED]");
    expect(lines[0]!.msg).toBe(
      "called https://x.test/api?partner_id=1&access_token=[REDACTED]&sign=[REDACTED]",
    );
    expect(lines[2]).toMatchObject({ msg: "value", data: "plain text" });
  });
});
