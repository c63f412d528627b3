import type { ImportReport } from "./upload";

/** The rows that will not (or did not) import, each with where it is in the file and why. */
export function RejectedRows({ report }: { report: ImportReport }) {
  if (report.rejectedCount === 0) return null;
  return (
    <section className="card" aria-label="Rejected rows">
      <div className="card-header">
        <h2>
          {report.rejectedCount.toLocaleString()} rejected row{report.rejectedCount === 1 ? "" : "s"}
        </h2>
        {report.rejectedCount > report.rejected.length && (
          <span className="muted small">first {report.rejected.length.toLocaleString()} shown</span>
        )}
      </div>
      <table className="table" data-testid="rejected-rows">
        <thead>
          <tr>
            <th>Where</th>
            <th>SKU</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {report.rejected.map((r) => (
            <tr key={`${r.unit}-${r.position}`} data-testid="rejected-row">
              <td className="mono">
                {r.unit} {r.position}
              </td>
              <td className="mono">{r.sku ?? "—"}</td>
              <td>{r.reasons.join("; ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
