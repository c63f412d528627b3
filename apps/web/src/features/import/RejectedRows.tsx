import { useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { useRefusal } from "../../i18n/refusals";
import type { ImportReport, RejectedRow } from "./upload";

/** Where a rejected row is: a CSV line, an XLSX row, or an index in a JSON list. */
const UNIT: Record<RejectedRow["unit"], ParseKeys> = {
  line: "import.rejected.line",
  row: "import.rejected.row",
  index: "import.rejected.index",
};

/** The rows that will not (or did not) import, each with where it is in the file and why. */
export function RejectedRows({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const refusal = useRefusal();
  if (report.rejectedCount === 0) return null;
  return (
    <section className="card" aria-label={t("import.rejected.label")}>
      <div className="card-header">
        <h2>{t("import.rejected.title", { count: report.rejectedCount })}</h2>
        {report.rejectedCount > report.rejected.length && (
          <span className="muted small">
            {t("import.rejected.firstShown", { count: report.rejected.length })}
          </span>
        )}
      </div>
      <table className="table" data-testid="rejected-rows">
        <thead>
          <tr>
            <th>{t("import.rejected.where")}</th>
            <th>{t("import.rejected.sku")}</th>
            <th>{t("import.rejected.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {report.rejected.map((r) => (
            <tr key={`${r.unit}-${r.position}`} data-testid="rejected-row">
              <td className="mono">{t(UNIT[r.unit], { position: r.position })}</td>
              <td className="mono">{r.sku ?? "—"}</td>
              <td>
                {r.problems ? (
                  <ul className="error-list">
                    {r.problems.map((p, i) => (
                      <li key={i} data-rule={p.rule}>
                        {p.field && (
                          <>
                            <code translate="no">{p.field}</code>{" "}
                          </>
                        )}
                        {refusal(p)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  r.reasons.join("; ")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
