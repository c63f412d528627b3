import type { DataSource } from "typeorm";
import { insertNewProducts } from "../catalog/write-products";
import { DEMO_PRODUCT_COUNT, generateDemoProducts } from "./generate";
import { seedChannels } from "./channels";
import { seedDemoMapping } from "./mapping";

export interface SeedResult {
  /** Products inserted (SKUs already present are kept as they are). */
  products: number;
  variants: number;
  channels: number;
}

export interface SeedOptions {
  /** How many demo products (default 4,147). */
  count?: number;
  /** Products per INSERT statement and transaction (default 5,000). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Inserts demo products 0 … count-1 that are not there yet, a chunk per multi-row INSERT and
 * transaction, so an interrupted seed resumes where it stopped when run again.
 */
export async function seedDemoCatalog(
  ds: DataSource,
  opts: SeedOptions = {},
): Promise<Omit<SeedResult, "channels">> {
  const count = opts.count ?? DEMO_PRODUCT_COUNT;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count: must be a whole number ≥ 0 (got ${count})`);
  const chunk = opts.chunkSize ?? 5000;
  let products = 0;
  let variants = 0;
  for (let from = 0; from < count; from += chunk) {
    const rows = generateDemoProducts(from, Math.min(count, from + chunk));
    const written = await ds.transaction((em) => insertNewProducts(em, rows));
    const inserted = new Set(written.map((w) => w.sku));
    products += written.length;
    variants += rows.reduce((n, r) => n + (inserted.has(r.sku) ? (r.variants?.length ?? 0) : 0), 0);
    opts.onProgress?.(Math.min(count, from + chunk), count);
  }
  return { products, variants };
}

// Same key in every process: concurrent boots (several API replicas) seed once.
const SEED_LOCK_KEY = 7_264_318_191;

type SeedConfig = Parameters<typeof seedChannels>[1];

/**
 * First-boot seeding: creates the configured channels (with the demo mapping template and shipping
 * profiles where none are set) when missing and, when the catalog has no
 * products at all, the demo catalog. Safe to call from several processes at once.
 */
export async function seedIfEmpty(
  ds: DataSource,
  config: SeedConfig,
  opts: SeedOptions = {},
): Promise<SeedResult> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SELECT pg_advisory_lock($1)", [SEED_LOCK_KEY]);
    const channels = await seedChannels(ds, config);
    await seedDemoMapping(ds);
    const [{ found }] = (await ds.query("SELECT EXISTS (SELECT 1 FROM products) AS found")) as [
      { found: boolean },
    ];
    if (found) return { products: 0, variants: 0, channels };
    return { ...(await seedDemoCatalog(ds, opts)), channels };
  } finally {
    await runner.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Empties the catalog and the sync history (channels and their tokens stay). */
export async function resetCatalog(ds: DataSource): Promise<void> {
  await ds.query(
    `TRUNCATE products, product_variants, listings, listing_images, sync_batches, sync_items, sync_logs, dead_letters
     RESTART IDENTITY CASCADE`,
  );
}
