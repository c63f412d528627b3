import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SHOPEE_IMAGE_RULES, TIKTOK_IMAGE_RULES, prepareImage } from "./image-prep";
import type { DownloadedImage } from "./images";

/** Real image bytes, drawn by sharp: a gradient-free solid colour is enough for headers and pixels. */
async function image(
  format: "png" | "jpeg" | "webp" | "gif" | "tiff",
  width: number,
  height: number,
  name = `master.${format}`,
): Promise<DownloadedImage> {
  const bytes = await sharp({
    create: { width, height, channels: 4, background: { r: 200, g: 80, b: 40, alpha: 1 } },
  })
    .toFormat(format)
    .toBuffer();
  return { bytes, contentType: `image/${format}`, filename: name };
}

async function header(bytes: Buffer) {
  const m = await sharp(bytes).metadata();
  return { format: m.format, width: m.width, height: m.height };
}

describe("prepareImage", () => {
  it("forwards an image the platform takes byte for byte", async () => {
    const png = await image("png", 400, 400);
    expect(await prepareImage(png, TIKTOK_IMAGE_RULES)).toBe(png);
    const jpeg = await image("jpeg", 800, 600);
    expect(await prepareImage(jpeg, SHOPEE_IMAGE_RULES)).toBe(jpeg);
  });

  it.each(["webp", "gif", "tiff"] as const)("converts %s to JPEG for both platforms", async (format) => {
    const master = await image(format, 640, 480, `shoe.${format}`);
    for (const rules of [SHOPEE_IMAGE_RULES, TIKTOK_IMAGE_RULES]) {
      const out = await prepareImage(master, rules);
      expect(out).toMatchObject({ contentType: "image/jpeg", filename: "shoe.jpg" });
      expect(await header(out.bytes)).toEqual({ format: "jpeg", width: 640, height: 480 });
    }
  });

  it("scales an oversize image down to the platform's bound, keeping its format and shape", async () => {
    const big = await image("png", 4800, 2400);
    const tiktok = await prepareImage(big, TIKTOK_IMAGE_RULES);
    expect(await header(tiktok.bytes)).toEqual({ format: "png", width: 4000, height: 2000 });
    expect(tiktok.contentType).toBe("image/png");
    // Shopee's bound is wider: the same image goes as it is.
    expect(await prepareImage(big, SHOPEE_IMAGE_RULES)).toBe(big);
  });

  it("re-encodes as JPEG what is over the byte limit", async () => {
    // Deterministic noise: PNG cannot compress it, so only JPEG gets under the limit.
    const raw = Buffer.alloc(1800 * 1800 * 3);
    let x = 2463534242;
    for (let i = 0; i < raw.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      raw[i] = x & 0xff;
    }
    const noisy = await sharp(raw, { raw: { width: 1800, height: 1800, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(TIKTOK_IMAGE_RULES.maxBytes);
    const out = await prepareImage(
      { bytes: noisy, contentType: "image/png", filename: "noise.png" },
      TIKTOK_IMAGE_RULES,
    );
    expect(out.contentType).toBe("image/jpeg");
    expect(out.bytes.length).toBeLessThanOrEqual(TIKTOK_IMAGE_RULES.maxBytes);
    expect(await header(out.bytes)).toEqual({ format: "jpeg", width: 1800, height: 1800 });
  });

  it("refuses an image under TikTok's 300 px as VALIDATION on images, never enlarging it", async () => {
    const small = await image("png", 299, 600, "tiny.png");
    await expect(prepareImage(small, TIKTOK_IMAGE_RULES)).rejects.toMatchObject({
      errorClass: "VALIDATION",
      code: "IMAGE_TOO_SMALL",
      field: "images",
      message: expect.stringContaining("299×600"),
    });
    expect(await prepareImage(small, SHOPEE_IMAGE_RULES)).toBe(small);
  });

  it("refuses bytes that are not an image it can read", async () => {
    const html = { bytes: Buffer.from("<h1>not found</h1>"), contentType: "image/png", filename: "x.png" };
    await expect(prepareImage(html, SHOPEE_IMAGE_RULES)).rejects.toMatchObject({
      errorClass: "VALIDATION",
      code: "IMAGE_UNREADABLE",
      field: "images",
    });
  });
});
