import { useState } from "react";
import { useCan } from "../../auth/useCan";
import { PageHeader } from "../../ui/PageHeader";
import { ProgressBar } from "../../ui/ProgressBar";
import { RejectedRows } from "./RejectedRows";
import { formatOf, uploadCatalog, type ImportProgress, type ImportReport } from "./upload";

type Stage =
  | { kind: "idle" }
  | { kind: "checking"; progress: ImportProgress | null }
  | { kind: "checked"; preview: ImportReport }
  | { kind: "importing"; preview: ImportReport; progress: ImportProgress | null }
  | { kind: "done"; preview: ImportReport; report: ImportReport };

/**
 * Catalog import: choose a CSV (`,` or `;`) or XLSX file, see what would be rejected and why before
 * anything is written, then import with progress. Both steps stream the file; nothing is held whole.
 */
export function ImportPage() {
  const canEdit = useCan("EDIT");
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);

  async function check(chosen: File) {
    setError(null);
    setStage({ kind: "checking", progress: null });
    try {
      const preview = await uploadCatalog(chosen, {
        dryRun: true,
        onProgress: (progress) => setStage({ kind: "checking", progress }),
      });
      setStage({ kind: "checked", preview });
    } catch (e) {
      setError((e as Error).message);
      setStage({ kind: "idle" });
    }
  }

  async function runImport(chosen: File, preview: ImportReport) {
    setError(null);
    setStage({ kind: "importing", preview, progress: null });
    try {
      const report = await uploadCatalog(chosen, {
        dryRun: false,
        onProgress: (progress) => setStage({ kind: "importing", preview, progress }),
      });
      setStage({ kind: "done", preview, report });
    } catch (e) {
      setError((e as Error).message);
      setStage({ kind: "checked", preview });
    }
  }

  const preview = "preview" in stage ? stage.preview : null;
  const valid = preview ? (preview.valid ?? 0) : 0;
  return (
    <>
      <PageHeader
        title="Import catalog"
        subtitle="CSV (comma or semicolon, as Excel saves it in your language) or XLSX. Nothing is written until you confirm."
      />
      <section className="card">
        <label className="field">
          <span>Catalog file</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={!canEdit || stage.kind === "checking" || stage.kind === "importing"}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setStage({ kind: "idle" });
              if (chosen && !formatOf(chosen)) setError("Choose a .csv or .xlsx file.");
              else if (chosen) void check(chosen);
            }}
          />
        </label>
        <p className="muted small">
          Header row: sku, title, price, currency, stock (required), and optionally description, brand,
          category, weight_grams, length_cm, width_cm, height_cm, images, attributes. Rows are matched by SKU.
        </p>
        {!canEdit && <p className="notice notice-warn">Importing needs the EDIT permission.</p>}
        {error && (
          <p className="notice notice-bad" role="alert">
            {error}
          </p>
        )}
        {stage.kind === "checking" && (
          <p data-testid="import-checking">
            Checking… {stage.progress?.rows.toLocaleString() ?? 0} rows read
          </p>
        )}
        {preview && (
          <p data-testid="import-preview">
            {preview.rows.toLocaleString()} rows: {valid.toLocaleString()} ready to import,{" "}
            {preview.rejectedCount.toLocaleString()} rejected.
          </p>
        )}
        {stage.kind === "checked" && file && (
          <button
            type="button"
            className="button button-primary"
            disabled={valid === 0}
            onClick={() => void runImport(file, stage.preview)}
          >
            Import {valid.toLocaleString()} product{valid === 1 ? "" : "s"}
          </button>
        )}
        {stage.kind === "importing" && (
          <ProgressBar
            testId="import-progress"
            label="Import progress"
            size="large"
            value={preview && preview.rows ? ((stage.progress?.rows ?? 0) / preview.rows) * 100 : 0}
          />
        )}
        {stage.kind === "done" && (
          <p className="notice notice-ok" data-testid="import-done">
            Imported: {stage.report.inserted.toLocaleString()} new, {stage.report.updated.toLocaleString()}{" "}
            updated, {stage.report.unchanged.toLocaleString()} unchanged,{" "}
            {stage.report.rejectedCount.toLocaleString()} rejected
            {stage.report.listingsMarkedOutOfDate
              ? `; ${stage.report.listingsMarkedOutOfDate.toLocaleString()} synced listings are now out of date`
              : ""}
            .
          </p>
        )}
      </section>
      {stage.kind === "done" ? (
        <RejectedRows report={stage.report} />
      ) : (
        preview && <RejectedRows report={preview} />
      )}
    </>
  );
}
