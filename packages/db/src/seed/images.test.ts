import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { demoImageNames, renderDemoImage } from "./images";
import { crc32 } from "./png";

function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const out = [];
  for (let o = 8; o < png.length;) {
    const len = png.readUInt32BE(o);
    const type = png.toString("ascii", o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + len);
    const crcOk = png.readUInt32BE(o + 8 + len) === crc32(png.subarray(o + 4, o + 8 + len));
    out.push({ type, data, crcOk });
    o += 12 + len;
  }
  return out;
}

describe("renderDemoImage", () => {
  it("produces a valid 400×400 truecolour PNG with correct CRCs", () => {
    const png = renderDemoImage("fashion-12.png")!;
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const ihdr = cs[0]!.data;
    expect([
      ihdr.readUInt32BE(0),
      ihdr.readUInt32BE(4),
      ihdr[8],
      ihdr[9],
      ihdr[10],
      ihdr[11],
      ihdr[12],
    ]).toEqual([400, 400, 8, 2, 0, 0, 0]);
    expect(inflateSync(cs[1]!.data).length).toBe(400 * (1 + 400 * 3));
    expect(png.length).toBeLessThan(20_000);
  });

  it("is deterministic and differs between names", () => {
    const names = demoImageNames();
    expect(names.length).toBeGreaterThanOrEqual(200);
    expect(new Set(names).size).toBe(names.length);
    const a = renderDemoImage("beauty-3.png")!;
    expect(Buffer.compare(a, renderDemoImage("beauty-3.png")!)).toBe(0);
    const distinct = new Set(names.slice(0, 60).map((n) => renderDemoImage(n)!.toString("base64")));
    expect(distinct.size).toBe(60);
  });

  it("computes the standard CRC-32 check value", () => {
    // "123456789" → 0xCBF43926 is the standard CRC-32 check value.
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it.each([
    "fashion-0.png",
    "fashion-41.png",
    "fashion-01.png",
    "shoes-1.png",
    "fashion-1.jpg",
    "../fashion-1.png",
    "",
    "home-living-2",
  ])("returns null for %j", (name) => expect(renderDemoImage(name)).toBeNull());
});
