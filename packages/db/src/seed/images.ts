import { CATEGORIES, IMAGES_PER_CATEGORY } from "./vocabulary";
import { encodePng } from "./png";
import { hash32 } from "./prng";

const SIZE = 400;
const SLUGS = new Set(CATEGORIES.map((c) => c.slug));
const cache = new Map<string, Buffer>();

/** The path the API serves a demo image at. */
export function demoImageUrl(slug: string, n: number): string {
  return `/media/demo/${slug}-${n}.png`;
}

/** Every image name in the pool. */
export function demoImageNames(): string[] {
  return CATEGORIES.flatMap((c) =>
    Array.from({ length: IMAGES_PER_CATEGORY }, (_, i) => `${c.slug}-${i + 1}.png`),
  );
}

function parse(name: string): { slug: string; n: number } | null {
  const m = /^([a-z]+(?:-[a-z]+)*)-([1-9]\d*)\.png$/.exec(name);
  if (!m || !SLUGS.has(m[1]!)) return null;
  const n = Number(m[2]);
  return n <= IMAGES_PER_CATEGORY ? { slug: m[1]!, n } : null;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const x = (k + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(x - 3, 9 - x, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** Circle, rounded square or diamond centred on the image; dx, dy are distances from the centre. */
function insideShape(shape: number, dx: number, dy: number, radius: number): boolean {
  if (shape === 0) return dx * dx + dy * dy <= radius * radius;
  if (shape === 2) return dx + dy <= radius * 1.2;
  const half = radius * 0.85;
  const corner = radius * 0.25;
  const inner = half - corner;
  if (dx > half || dy > half) return false;
  return dx <= inner || dy <= inner || (dx - inner) ** 2 + (dy - inner) ** 2 <= corner * corner;
}

/**
 * A 400×400 demo product photo for a pool name like `fashion-12.png`: a gradient backdrop in the
 * category's hue and a "product" silhouette whose shape and colour come from the name. Null for a
 * name outside the pool. Deterministic, and cached (the pool is a few hundred small PNGs).
 */
export function renderDemoImage(name: string): Buffer | null {
  const hit = cache.get(name);
  if (hit) return hit;
  const parsed = parse(name);
  if (!parsed) return null;
  const h = hash32(name);
  const baseHue = (hash32(parsed.slug) % 360) + (h % 40) - 20;
  const top = hsl((baseHue + 360) % 360, 0.55, 0.9);
  const bottom = hsl((baseHue + 360) % 360, 0.45, 0.72);
  const item = hsl((baseHue + 150 + (h % 90)) % 360, 0.6, 0.45);
  const shape = parsed.n % 3; // 0 circle, 1 rounded square, 2 diamond
  const radius = 90 + (h % 50);
  const rgb = Buffer.alloc(SIZE * SIZE * 3);
  const c = SIZE / 2;
  for (let y = 0; y < SIZE; y++) {
    const t = y / (SIZE - 1);
    for (let x = 0; x < SIZE; x++) {
      const inside = insideShape(shape, Math.abs(x - c), Math.abs(y - c), radius);
      const o = (y * SIZE + x) * 3;
      for (let k = 0; k < 3; k++)
        rgb[o + k] = inside ? item[k]! : Math.round(top[k]! + (bottom[k]! - top[k]!) * t);
    }
  }
  const png = encodePng(SIZE, SIZE, rgb);
  cache.set(name, png);
  return png;
}
