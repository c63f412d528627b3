import express, { type Request, type Response, type Router } from "express";
import type { DataSource } from "typeorm";
import { LISTING_STATUSES, PLATFORMS, type ListingStatus, type Platform } from "@syncstore/core";
import {
  CATALOG_EXPORT_TYPES,
  catalogExportRows,
  writeCatalogCsv,
  writeCatalogXlsx,
  type ProductFilters,
} from "@syncstore/db";
import { Permission, permissionsOf, type Authenticate } from "../auth";
import { logger } from "../logger";

export const CATALOG_EXPORT_PATH = "/catalog/export";

type Parsed<T> = { ok: true; value: T } | { ok: false; argument: string; message: string };

const one = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** The products list's filters from the query string, each refused by name when it is not one. */
function filtersOf(query: Request["query"]): Parsed<ProductFilters> {
  const listingStatus = one(query.listingStatus);
  if (listingStatus !== null && !(LISTING_STATUSES as readonly string[]).includes(listingStatus))
    return {
      ok: false,
      argument: "listingStatus",
      message: `listingStatus must be one of ${LISTING_STATUSES.join(", ")}`,
    };
  const platform = one(query.platform);
  if (platform !== null && !(PLATFORMS as readonly string[]).includes(platform))
    return { ok: false, argument: "platform", message: `platform must be one of ${PLATFORMS.join(", ")}` };
  const search = query.search;
  if (search !== undefined && typeof search !== "string")
    return { ok: false, argument: "search", message: "search must be given once, as text" };
  return {
    ok: true,
    value: {
      search: search ?? null,
      listingStatus: listingStatus as ListingStatus | null,
      platform: platform as Platform | null,
    },
  };
}

/** The download was cancelled or the connection dropped: not a failure on our side. */
const clientWentAway = (e: unknown) =>
  ["ERR_STREAM_PREMATURE_CLOSE", "ERR_STREAM_DESTROYED"].includes(String((e as { code?: unknown }).code));

/** `catalog-20261203-1422.csv`, in UTC: sortable, and the same on every server. */
function fileName(format: "csv" | "xlsx", now = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `catalog-${stamp}.${format}`;
}

/**
 * `GET /catalog/export?format=csv|xlsx[&search=…][&listingStatus=…][&platform=…]` for any caller who
 * may READ (Authorization: Bearer session or key): the products the products list shows for the same
 * filters, as a file the import reads back unchanged. Rows go out as PostgreSQL pages them in, so
 * the catalog is never held whole. A failure after the first byte can only cut the response short:
 * the connection is dropped, and the browser reports the download as failed rather than saving half.
 */
export function catalogExport(deps: { ds: DataSource; authenticate: Authenticate }): Router {
  const router = express.Router();
  router.get("/", async (req: Request, res: Response) => {
    const viewer = await deps.authenticate(req.headers.authorization).catch(() => null);
    if (!viewer)
      return void res.status(401).json({ error: { code: "UNAUTHENTICATED", message: "sign in first" } });
    if (!permissionsOf(viewer).has(Permission.READ))
      return void res.status(403).json({ error: { code: "FORBIDDEN", message: "exporting needs READ" } });
    const format = req.query.format;
    if (format !== "csv" && format !== "xlsx")
      return void res.status(400).json({
        error: { code: "BAD_USER_INPUT", argument: "format", message: "format must be csv or xlsx" },
      });
    const filters = filtersOf(req.query);
    if (!filters.ok)
      return void res.status(400).json({
        error: { code: "BAD_USER_INPUT", argument: filters.argument, message: filters.message },
      });

    res.status(200);
    res.setHeader("content-type", CATALOG_EXPORT_TYPES[format]);
    res.setHeader("content-disposition", `attachment; filename="${fileName(format)}"`);
    res.setHeader("cache-control", "no-store");
    const rows = catalogExportRows(deps.ds, filters.value);
    try {
      await (format === "csv" ? writeCatalogCsv(rows, res) : writeCatalogXlsx(rows, res));
    } catch (e) {
      if (!clientWentAway(e)) logger.error("catalog export failed", e);
      res.destroy();
    }
  });
  return router;
}
