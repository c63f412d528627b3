import { loadConfig } from "@syncstore/config";
import { parseArgs } from "node:util";
import { DEMO_PRODUCT_COUNT } from "../seed/generate";
import { seedChannels } from "../seed/channels";
import { seedDemoMapping } from "../seed/mapping";
import { resetCatalog, seedDemoCatalog } from "../seed/seed";
import { CliError, runCommand, seconds, withMigratedDatabase, type CliIo } from "./io";

const USAGE = "usage: pnpm seed [--count N] [--reset]";

function options(argv: string[]): { count: number; reset: boolean } {
  let values: { count?: string; reset?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { count: { type: "string" }, reset: { type: "boolean" } },
      strict: true,
    }));
  } catch (e) {
    throw new CliError(`${(e as Error).message}\n${USAGE}`);
  }
  const count = values.count === undefined ? DEMO_PRODUCT_COUNT : Number(values.count);
  if (!/^\d+$/.test(values.count ?? "0") || count > 10_000_000) {
    throw new CliError(
      `--count: expected a whole number from 0 to 10000000, got ${JSON.stringify(values.count)}\n${USAGE}`,
    );
  }
  return { count, reset: values.reset ?? false };
}

/** `seed [--count N] [--reset]`: the demo catalog and the two configured channels. */
export function seedCommand(argv: string[], io: CliIo): Promise<number> {
  return runCommand(io, async () => {
    const { count, reset } = options(argv);
    const config = loadConfig(io.env);
    const started = Date.now();
    await withMigratedDatabase(io, async (ds, ran) => {
      if (ran.length) io.out(`applied migrations: ${ran.join(", ")}`);
      if (reset) {
        await resetCatalog(ds);
        io.out("reset: emptied the catalog and sync history (channels kept)");
      }
      const channels = await seedChannels(ds, config);
      io.out(channels ? `created ${channels} channel(s)` : "channels already present");
      const mapped = await seedDemoMapping(ds);
      if (mapped) io.out(`installed the demo mapping template (${mapped} category mapping(s))`);
      let lastShown = 0;
      const result = await seedDemoCatalog(ds, {
        count,
        onProgress: (done, total) => {
          if (total >= 20_000 && (done - lastShown >= total / 10 || done === total)) {
            lastShown = done;
            io.out(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")}`);
          }
        },
      });
      const kept = count - result.products;
      io.out(
        `inserted ${result.products.toLocaleString("en")} products and ${result.variants.toLocaleString("en")} variants` +
          (kept ? ` (${kept.toLocaleString("en")} already present)` : "") +
          ` in ${seconds(started)}`,
      );
    });
    return 0;
  });
}
