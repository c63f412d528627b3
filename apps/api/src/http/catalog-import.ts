import { Transform } from "node:stream";
import express, { type Request, type Response, type Router } from "express";
import type { DataSource } from "typeorm";
import { ruleRef } from "@syncstore/core";
import { CatalogFileError, catalogRecordStream, importCatalog, type ImportReport } from "@syncstore/db";
import { Permission, permissionsOf, type Authenticate } from "../auth";
import { logger } from "../logger";

export const CATALOG_IMPORT_PATH = "/catalog/import";
const MAX_BYTES = 200 * 1024 * 1024;

/** Fails the stream once more than `max` bytes went through, instead of reading an endless body. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max)
        done(
          new CatalogFileError(
            `the file is larger than ${max / 1024 / 1024} MB`,
            ruleRef("FILE_TOO_LARGE", { maxMb: max / 1024 / 1024 }),
          ),
        );
      else done(null, chunk);
    },
  });
}

/**
 * `POST /catalog/import?format=csv|xlsx[&dryRun=true]`, the raw file as the body, for callers who may
 * EDIT the catalog (Authorization: Bearer session or key). The body is parsed as it arrives and rows
 * are written in chunks, so a 50 MB file never sits in memory. The answer is NDJSON: a
 * `{"type":"progress",…}` line per chunk, then `{"type":"report",…}` (or `{"type":"error",…}` when the
 * file cannot be read as a whole). A dry run validates everything — database checks included — and
 * writes nothing: the dashboard's preview of rejected rows.
 */
export function catalogImport(deps: { ds: DataSource; authenticate: Authenticate }): Router {
  const router = express.Router();
  router.post("/", async (req: Request, res: Response) => {
    const viewer = await deps.authenticate(req.headers.authorization).catch(() => null);
    if (!viewer)
      return void res.status(401).json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } });
    if (!permissionsOf(viewer).has(Permission.EDIT))
      return void res.status(403).json({ error: { code: "FORBIDDEN", message: "importing needs EDIT" } });
    const format = req.query.format;
    if (format !== "csv" && format !== "xlsx")
      return void res.status(400).json({
        error: { code: "BAD_USER_INPUT", argument: "format", message: "format must be csv or xlsx" },
      });
    const dryRun = req.query.dryRun === "true";

    res.status(200).type("application/x-ndjson");
    // The compression middleware buffers what it is given; each progress line is flushed through it
    // at once, or the page would see nothing until the import ends.
    const flushable = res as typeof res & { flush?: () => void };
    const send = (line: Record<string, unknown>) => {
      res.write(JSON.stringify(line) + "\n");
      flushable.flush?.();
    };
    const progress = (r: ImportReport) =>
      send({
        type: "progress",
        rows: r.rows,
        inserted: r.inserted,
        updated: r.updated,
        rejected: r.rejectedCount,
      });
    try {
      const body = req.pipe(byteLimit(MAX_BYTES));
      const report = await importCatalog(deps.ds, catalogRecordStream(body, format), {
        dryRun,
        onProgress: progress,
      });
      send({ type: "report", dryRun, ...report });
    } catch (e) {
      if (e instanceof CatalogFileError) send({ type: "error", message: e.message, ...e.ref });
      else {
        logger.error("catalog import failed", e);
        send({ type: "error", message: "the import failed on our side; nothing more was written" });
      }
    }
    res.end();
  });
  return router;
}
