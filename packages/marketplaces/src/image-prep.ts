import sharp from "sharp";
import { SyncError, type Platform } from "@syncstore/core";
import type { DownloadedImage } from "./images";

/** What a platform's image upload accepts. */
export interface ImageRules {
  platform: Platform;
  /** Formats uploaded as they are; anything else is converted to JPEG. */
  formats: readonly ("jpeg" | "png")[];
  /** Shorter side, in pixels; smaller images are refused (see `prepareImage`). */
  minPx: number;
  /** Longer side, in pixels; larger images are scaled down to it. */
  maxPx: number;
  maxBytes: number;
}

/**
 * Shopee `media_space/upload_image`: JPG/JPEG/PNG up to 10 MB. Shopee publishes no pixel bounds for
 * the upload; 5000 px keeps a photo well inside the byte limit and is more than listings display.
 */
export const SHOPEE_IMAGE_RULES: ImageRules = {
  platform: "SHOPEE",
  formats: ["jpeg", "png"],
  minPx: 1,
  maxPx: 5000,
  maxBytes: 10 * 1024 * 1024,
};

/** TikTok Shop MAIN_IMAGE: JPG/PNG, 300×300 to 4000×4000 px, at most 5 MB. */
export const TIKTOK_IMAGE_RULES: ImageRules = {
  platform: "TIKTOK_SHOP",
  formats: ["jpeg", "png"],
  minPx: 300,
  maxPx: 4000,
  maxBytes: 5 * 1024 * 1024,
};

const JPEG_QUALITIES = [90, 80, 70, 60];

/**
 * Makes a downloaded master image acceptable to the platform, or refuses it before any upload. The
 * header is read first (format, pixels); an image that already fits is forwarded byte for byte. Other
 * formats (WEBP, GIF, TIFF, AVIF…) become JPEG, a PNG stays PNG; an image over `maxPx` is scaled down
 * to fit; one over `maxBytes` is re-encoded as JPEG at falling quality. An image under `minPx` is
 * refused, not upscaled: the minimum exists because small images fail review, and an enlarged one is
 * only a blurred one. HEIC is refused too: its decoder is not in sharp's prebuilt libvips.
 */
export async function prepareImage(image: DownloadedImage, rules: ImageRules): Promise<DownloadedImage> {
  const refuse = (code: string, why: string) =>
    new SyncError("VALIDATION", `image ${image.filename} ${why}`, {
      platform: rules.platform,
      code,
      field: "images",
    });
  let meta: sharp.Metadata;
  try {
    meta = await sharp(image.bytes).metadata();
  } catch {
    throw refuse(
      "IMAGE_UNREADABLE",
      `is not an image the platform or SyncStore can read (${image.contentType})`,
    );
  }
  const { format, width, height } = meta;
  if (!width || !height) throw refuse("IMAGE_UNREADABLE", "has no pixel size in its header");
  // EXIF orientation 5-8 swaps the sides the platform will see.
  const [w, h] = (meta.orientation ?? 1) >= 5 ? [height, width] : [width, height];
  if (Math.min(w, h) < rules.minPx) {
    throw refuse(
      "IMAGE_TOO_SMALL",
      `is ${w}×${h} px; ${rules.platform === "TIKTOK_SHOP" ? "TikTok Shop" : "Shopee"} needs at least ${rules.minPx}×${rules.minPx}`,
    );
  }
  const accepted = (rules.formats as readonly string[]).includes(format);
  const fits = Math.max(w, h) <= rules.maxPx && image.bytes.length <= rules.maxBytes;
  if (accepted && fits && (meta.orientation ?? 1) === 1) return image;

  const pipeline = () =>
    sharp(image.bytes, { animated: false })
      .rotate()
      .resize({ width: rules.maxPx, height: rules.maxPx, fit: "inside", withoutEnlargement: true });
  const encodings: (() => sharp.Sharp)[] = format === "png" ? [() => pipeline().png()] : [];
  for (const quality of JPEG_QUALITIES)
    encodings.push(() => pipeline().flatten({ background: "#ffffff" }).jpeg({ quality, mozjpeg: true }));
  let bytes = Buffer.alloc(0);
  try {
    for (const encode of encodings) {
      bytes = await encode().toBuffer();
      if (bytes.length <= rules.maxBytes) break;
    }
  } catch {
    throw refuse("IMAGE_UNREADABLE", `is a ${format} image that cannot be converted to JPEG`);
  }
  if (bytes.length > rules.maxBytes) {
    throw refuse(
      "IMAGE_TOO_LARGE",
      `is still ${bytes.length} bytes after conversion (limit ${rules.maxBytes})`,
    );
  }
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  return {
    bytes,
    contentType: jpeg ? "image/jpeg" : "image/png",
    filename: image.filename.replace(/\.[A-Za-z0-9]+$/, "") + (jpeg ? ".jpg" : ".png"),
  };
}
