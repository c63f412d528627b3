import i18next from "i18next";
import { session } from "../../auth/session";
import type { ProductFilters } from "./useProductFilters";

export type ExportFormat = "csv" | "xlsx";

/** The export's address for the products list's current filters (paging is not a filter). */
export function exportUrl(
  format: ExportFormat,
  filters: Omit<ProductFilters, "after" | "page" | "pageSize">,
): string {
  const p = new URLSearchParams({ format });
  if (filters.search) p.set("search", filters.search);
  if (filters.listingStatus) p.set("listingStatus", filters.listingStatus);
  if (filters.platform) p.set("platform", filters.platform);
  return `/catalog/export?${p.toString()}`;
}

const fileNameOf = (disposition: string | null, format: ExportFormat) =>
  /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? `catalog.${format}`;

/**
 * Downloads the export as a file. The session is a bearer token, not a cookie, so a plain link
 * cannot carry it: the file is fetched with the header and handed to the browser as a blob.
 */
export async function downloadCatalog(
  format: ExportFormat,
  filters: Omit<ProductFilters, "after" | "page" | "pageSize">,
): Promise<void> {
  const token = session.token();
  const res = await fetch(exportUrl(format, filters), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? i18next.t("products.exportAnswered", { status: res.status }));
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileNameOf(res.headers.get("content-disposition"), format);
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download; the page no longer needs it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
