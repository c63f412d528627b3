import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatCount, formatDuration, formatPercent, formatRelative, platformLabel } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { ProgressBar } from "../../ui/ProgressBar";
import { StatusBadge } from "../../ui/StatusBadge";
import { EmptyState, ErrorState, Loading } from "../../ui/states";
import { FINAL_BATCH } from "./live-state";
import { batchesQuery, batchQuery } from "./operations";
import { BatchOriginLine } from "./BatchOriginLine";
import { StartBatchForm } from "./StartBatchForm";

const PAGE = 25;

export function BatchesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("batches.title")} subtitle={t("batches.subtitle")} />
      <StartBatchForm />
      <PastBatches />
    </>
  );
}

function PastBatches() {
  const { t } = useTranslation();
  const { data, loading, error, refetch, fetchMore } = useQuery(batchesQuery, {
    variables: { first: PAGE },
    notifyOnNetworkStatusChange: true,
  });
  const batches = data?.batches.edges.map((e) => e.node) ?? [];
  const running = batches.filter((b) => !FINAL_BATCH.has(b.status));

  return (
    <section className="card" aria-labelledby="past-title">
      {running.map((b) => (
        <RunningBatchPoller key={b.id} id={b.id} />
      ))}
      <div className="card-header">
        <h2 id="past-title">
          {t("batches.past")}{" "}
          {data && <span className="muted">({formatCount(data.batches.totalCount)})</span>}
        </h2>
      </div>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} title={t("batches.loadFailed")} />
      ) : !data ? (
        <Loading label={t("batches.loading")} />
      ) : batches.length === 0 ? (
        <EmptyState title={t("batches.empty")}>
          <p>{t("batches.emptyHint")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t("batches.past")}>
            <table className="table">
              <thead>
                <tr>
                  <th>{t("batches.columns.batch")}</th>
                  <th>{t("batches.columns.status")}</th>
                  <th>{t("batches.columns.platforms")}</th>
                  <th className="num">{t("batches.columns.items")}</th>
                  <th className="col-progress">{t("batches.columns.progress")}</th>
                  <th className="num">{t("batches.columns.succeeded")}</th>
                  <th className="num">{t("batches.columns.skipped")}</th>
                  <th className="num">{t("batches.columns.dead")}</th>
                  <th>{t("batches.columns.took")}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} data-testid="batch-row">
                    <td>
                      <Link to={`/batches/${b.id}`} className="batch-link">
                        <BatchOriginLine origin={b.origin} />
                      </Link>
                      <div className="muted small">
                        <span className="mono">{b.id.slice(0, 8)}</span> · {formatRelative(b.createdAt)}
                        {b.kind === "DRY_RUN" && (
                          <span data-testid="batch-kind">
                            {" · "}
                            {t("dryRun.badge")}
                          </span>
                        )}
                      </div>
                    </td>
                    <td>
                      <StatusBadge status={b.status} />
                    </td>
                    <td>{b.platforms.map(platformLabel).join(", ")}</td>
                    <td className="num">{formatCount(b.total)}</td>
                    <td className="col-progress">
                      <ProgressBar
                        value={b.percent}
                        label={t("batches.rowProgress", { id: b.id.slice(0, 8) })}
                        tone={b.deadLettered ? "warn" : "info"}
                      />
                      <span className="small muted">{formatPercent(b.percent)}</span>
                    </td>
                    <td className="num">{formatCount(b.succeeded)}</td>
                    <td className="num">{formatCount(b.skipped)}</td>
                    <td className={`num${b.deadLettered ? " text-bad" : ""}`}>
                      {formatCount(b.deadLettered)}
                    </td>
                    <td>
                      {b.finishedAt && b.startedAt
                        ? formatDuration((Date.parse(b.finishedAt) - Date.parse(b.startedAt)) / 1000)
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.batches.pageInfo.hasNextPage && (
            <div className="load-more">
              <button
                type="button"
                className="button"
                disabled={loading}
                onClick={() => void fetchMore({ variables: { after: data.batches.pageInfo.endCursor } })}
              >
                {loading ? t("states.loadingEllipsis") : t("batches.showOlder")}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Running batches move, finished ones do not: each running row refreshes itself by id, which updates
 * the cached batch in place without resetting the pages of older batches already loaded.
 */
function RunningBatchPoller({ id }: { id: string }) {
  useQuery(batchQuery, { variables: { id }, pollInterval: 2000, fetchPolicy: "network-only" });
  return null;
}
