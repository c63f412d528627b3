import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InlineErrors } from "../../ui/states";
import { downloadCatalog, type ExportFormat } from "./export";
import type { ProductFilters } from "./useProductFilters";

/** "Export CSV" / "Export XLSX": the products this page shows for its filters, in the import's columns. */
export function ExportButtons({ filters }: { filters: ProductFilters }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(format: ExportFormat) {
    setBusy(format);
    setError(null);
    try {
      await downloadCatalog(format, filters);
    } catch (e) {
      setError(t("products.exportFailed", { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export-actions">
      {(["csv", "xlsx"] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button"
          disabled={busy !== null}
          aria-busy={busy === format}
          title={t("products.exportHint")}
          onClick={() => void run(format)}
        >
          {busy === format
            ? t("products.exporting")
            : t(format === "csv" ? "products.exportCsv" : "products.exportXlsx")}
        </button>
      ))}
      {error && <InlineErrors messages={[error]} />}
    </div>
  );
}
