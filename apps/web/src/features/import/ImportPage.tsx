import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useCan } from "../../auth/useCan";
import { formatCount } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { ProgressBar } from "../../ui/ProgressBar";
import { RejectedRows } from "./RejectedRows";
import { formatOf, uploadCatalog, type ImportProgress, type ImportReport } from "./upload";

/** The file's header row, as the server reads it (packages/db's catalog import). */
const REQUIRED_COLUMNS = ["sku", "title", "price", "currency", "stock"];
const OPTIONAL_COLUMNS = [
  "description",
  "brand",
  "category",
  "weight_grams",
  "length_cm",
  "width_cm",
  "height_cm",
  "images",
  "attributes",
];

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
  const { t } = useTranslation();
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
      <PageHeader title={t("import.title")} subtitle={t("import.subtitle")} />
      <section className="card">
        <label className="field">
          <span>{t("import.file")}</span>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={!canEdit || stage.kind === "checking" || stage.kind === "importing"}
            onChange={(e) => {
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setStage({ kind: "idle" });
              if (chosen && !formatOf(chosen)) setError(t("import.chooseFile"));
              else if (chosen) void check(chosen);
            }}
          />
        </label>
        <p className="muted small">
          <Trans
            i18nKey="import.columns"
            values={{ required: REQUIRED_COLUMNS.join(", "), optional: OPTIONAL_COLUMNS.join(", ") }}
            components={{ columns: <span translate="no" /> }}
          />
        </p>
        {!canEdit && <p className="notice notice-warn">{t("import.needsEdit")}</p>}
        {error && (
          <p className="notice notice-bad" role="alert">
            {error}
          </p>
        )}
        {stage.kind === "checking" && (
          <p data-testid="import-checking">{t("import.checking", { count: stage.progress?.rows ?? 0 })}</p>
        )}
        {preview && (
          <p data-testid="import-preview">
            {t("import.preview", {
              count: preview.rows,
              valid: formatCount(valid),
              rejected: formatCount(preview.rejectedCount),
            })}
          </p>
        )}
        {stage.kind === "checked" && file && (
          <button
            type="button"
            className="button button-primary"
            disabled={valid === 0}
            onClick={() => void runImport(file, stage.preview)}
          >
            {t("import.run", { count: valid })}
          </button>
        )}
        {stage.kind === "importing" && (
          <ProgressBar
            testId="import-progress"
            label={t("import.progress")}
            size="large"
            value={preview && preview.rows ? ((stage.progress?.rows ?? 0) / preview.rows) * 100 : 0}
          />
        )}
        {stage.kind === "done" && (
          <p className="notice notice-ok" data-testid="import-done">
            {t(stage.report.listingsMarkedOutOfDate ? "import.doneOutOfDate" : "import.done", {
              inserted: formatCount(stage.report.inserted),
              updated: formatCount(stage.report.updated),
              unchanged: formatCount(stage.report.unchanged),
              rejected: formatCount(stage.report.rejectedCount),
              count: stage.report.listingsMarkedOutOfDate,
            })}
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
