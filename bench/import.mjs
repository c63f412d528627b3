// Import of a 50 MB catalog CSV (`;`-separated, as Indonesian Excel saves it) through the streaming
// importer, in a process of its own so its peak RSS is the import's alone. Target: RSS < 300 MB.
// Then the export of the same catalog, as CSV and as XLSX, each in a process of its own too: it
// streams from PostgreSQL, so its peak RSS must stay as flat as the import's.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { Buffer } from "node:buffer";
import { benchDbUrl, db, root } from "./lib.mjs";

const TARGET_BYTES = 50 * 1024 * 1024;
const file = path.join(root, "test-output/bench/catalog-50mb.csv");
const exported = (format) => path.join(root, `test-output/bench/catalog-export.${format}`);

async function writeCatalog() {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  out.write("\uFEFFsku;title;description;brand;category;price;currency;stock;weight_grams\r\n");
  let bytes = 0;
  let n = 0;
  const description = "Bahan katun lembut; jahitan rapi.\r\nCocok untuk sehari-hari. ".repeat(3);
  while (bytes < TARGET_BYTES) {
    n += 1;
    // Every 50th row is invalid (negative stock), so the rejected list is exercised too.
    const line = `BENCH-${n};"Kaos Polos ${n} Premium";"${description}";Nusantara;Fashion;${50000 + (n % 1000)};IDR;${n % 50 === 0 ? -1 : n % 300};${200 + (n % 500)}\r\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return n;
}

const CHILD = `
const { createReadStream, createWriteStream } = require("node:fs");
const db = require(process.env.DB_DIST);
(async () => {
  const ds = db.createDataSource(process.env.URL, { poolSize: 2 });
  await ds.initialize();
  const t0 = performance.now();
  let result;
  if (process.env.MODE === "import") {
    const report = await db.importCatalog(ds, db.catalogRecordStream(createReadStream(process.env.FILE), "csv"));
    result = { rows: report.rows, inserted: report.inserted, rejected: report.rejectedCount };
  } else {
    const write = process.env.MODE === "csv" ? db.writeCatalogCsv : db.writeCatalogXlsx;
    await write(db.catalogExportRows(ds), createWriteStream(process.env.FILE));
  }
  const seconds = (performance.now() - t0) / 1000;
  await ds.destroy();
  process.stdout.write(JSON.stringify({ ...result, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

/** Runs one phase in a fresh process and returns what it measured. */
async function phase(mode, url, phaseFile) {
  const child = spawn(process.execPath, ["-e", CHILD], {
    env: {
      ...process.env,
      MODE: mode,
      URL: url,
      FILE: phaseFile,
      DB_DIST: path.join(root, "packages/db/dist/index.js"),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (c) => (out += c));
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`${mode} benchmark child exited ${code}`);
  return JSON.parse(out);
}

const met = (mb) => `peak RSS ${mb.toFixed(0)} MB (target < 300 MB: ${mb < 300 ? "met" : "NOT met"})`;

export async function run() {
  const rows = await writeCatalog();
  const { size } = await stat(file);
  console.log(`import: ${(size / 1024 / 1024).toFixed(1)} MB CSV, ${rows.toLocaleString("en")} rows`);
  const url = benchDbUrl("syncstore_bench_import");
  await db.ensureDatabase(url);
  const ds = db.createDataSource(url);
  await ds.initialize();
  await db.runMigrations(ds);
  await ds.query("TRUNCATE products RESTART IDENTITY CASCADE");
  await ds.destroy();
  const r = await phase("import", url, file);
  console.log(
    `  ${r.rows.toLocaleString("en")} rows (${r.inserted.toLocaleString("en")} inserted, ${r.rejected.toLocaleString("en")} rejected) ` +
      `in ${r.seconds.toFixed(1)} s; ${met(r.maxRssMb)}`,
  );
  for (const format of ["csv", "xlsx"]) {
    const e = await phase(format, url, exported(format));
    const { size: bytes } = await stat(exported(format));
    console.log(
      `export ${format}: ${r.inserted.toLocaleString("en")} products, ${(bytes / 1024 / 1024).toFixed(1)} MB ` +
        `in ${e.seconds.toFixed(1)} s; ${met(e.maxRssMb)}`,
    );
  }
}
