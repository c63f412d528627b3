import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { formatCount, formatDateTime, formatDuration, formatPercent, platformLabel } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { BatchOriginLine } from "./BatchOriginLine";
import { ProgressBar } from "../../ui/ProgressBar";
import { StatusBadge } from "../../ui/StatusBadge";
import { EmptyState, ErrorState, InlineErrors, Loading, errorMessage } from "../../ui/states";
import { BatchStats } from "./BatchStats";
import { RollbackPanel } from "./RollbackPanel";
import { DryRunPlan } from "./DryRunPlan";
import { LiveFeed } from "./LiveFeed";
import type { Batch } from "./live-state";
import { batchQuery, cancelBatchMutation } from "./operations";
import { useBatchProgress, type LiveMode } from "./useBatchProgress";
import { useCan } from "../../auth/useCan";
import { refusalText } from "../../i18n/refusals";

export function BatchPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(batchQuery, { variables: { id } });
  const live = useBatchProgress(id);
  // The subscription is fresher than the query once it has spoken.
  const batch: Batch | null | undefined = live.state.batch ?? data?.batch;

  if (!batch) {
    if (error) return <ErrorState error={error} retry={() => void refetch()} title={t("batch.loadFailed")} />;
    if (loading) return <Loading label={t("batch.loading")} />;
    return (
      <EmptyState title={t("batch.notFound")}>
        <p>
          <Trans
            i18nKey="batch.noSuchId"
            values={{ id }}
            components={{ code: <code />, goto: <Link to="/batches" /> }}
          />
        </p>
      </EmptyState>
    );
  }

  // Several shops of one platform are told apart by their channel id.
  const shared = (platform: string) => batch.channels.filter((c) => c.platform === platform).length > 1;
  const done = batch.succeeded + batch.skipped + batch.deadLettered + batch.cancelled;
  const tone = batch.deadLettered > 0 ? "warn" : batch.status === "COMPLETED" ? "ok" : "info";

  return (
    <>
      <PageHeader
        title={t("batch.title", { id: batch.id.slice(0, 8) })}
        subtitle={
          <>
            {data?.batch?.origin && (
              <>
                <BatchOriginLine origin={data.batch.origin} />{" "}
              </>
            )}
            <StatusBadge status={batch.status} /> {t("batch.items", { count: batch.total })} ·{" "}
            {batch.platforms.map(platformLabel).join(" + ")}
            {batch.force ? ` · ${t("batch.forced")}` : ""}
            {batch.kind === "DRY_RUN" ? ` · ${t("dryRun.badge")}` : ""} ·{" "}
            {t("batch.started", { when: formatDateTime(batch.startedAt ?? batch.createdAt) })}
          </>
        }
        actions={<CancelButton batch={batch} final={live.statusFinal} />}
      />
      {data?.batch?.rollbackOf && (
        <p className="batch-links" data-testid="rollback-of">
          {t("rollback.of")}{" "}
          <Link to={`/batches/${data.batch.rollbackOf.id}`}>
            {t("batchLinks.batch", { id: data.batch.rollbackOf.id.slice(0, 8) })}
          </Link>
        </p>
      )}
      {batch.kind === "DRY_RUN" ? (
        <DryRunPlan key={batch.id} batch={batch} final={live.statusFinal} />
      ) : (
        <RollbackPanel key={batch.id} batchId={batch.id} final={live.statusFinal} />
      )}
      {(data?.batch?.retryOf || (data?.batch?.retries.length ?? 0) > 0) && (
        <p className="batch-links" data-testid="batch-retry-links">
          {data?.batch?.retryOf && (
            <span data-testid="retry-of">
              {t("batchLinks.retryOf")}{" "}
              <Link to={`/batches/${data.batch.retryOf.id}`}>
                {t("batchLinks.batch", { id: data.batch.retryOf.id.slice(0, 8) })}
              </Link>
            </span>
          )}
          {(data?.batch?.retries.length ?? 0) > 0 && (
            <span data-testid="retried-in">
              {t("batchLinks.retriedIn")}{" "}
              {data!.batch!.retries.map((r, i) => (
                <span key={r.id}>
                  {i > 0 ? ", " : ""}
                  <Link to={`/batches/${r.id}`}>{t("batchLinks.batch", { id: r.id.slice(0, 8) })}</Link>
                </span>
              ))}
            </span>
          )}
        </p>
      )}
      {live.subscriptionError && !live.final && (
        <ErrorState error={live.subscriptionError} title={t("batch.liveStopped")} retry={live.retry} />
      )}
      <section className="card" aria-labelledby="progress-title" data-stale={live.stale}>
        <div className="card-header">
          <h2 id="progress-title">{t("batch.progress")}</h2>
          <span className="live-status">
            {live.stale && (
              <span className="stale-note" data-testid="stale-note">
                {t("batch.stale", { age: formatDuration(live.ageMs / 1000) })}
              </span>
            )}
            <LiveBadge mode={live.mode} />
          </span>
        </div>
        <div className="progress-headline">
          <strong
            className="progress-percent"
            data-testid="batch-percent"
            data-done={done}
            data-total={batch.total}
          >
            {formatPercent(batch.percent)}
          </strong>
          <span className="muted">
            {t("batch.finished", { done: formatCount(done), count: batch.total })}
          </span>
        </div>
        <ProgressBar
          value={batch.percent}
          label={t("batch.progressLabel")}
          testId="batch-progress"
          size="large"
          tone={tone}
        />
        {/* The server counts each channel with every change; nothing here is tallied from the feed. */}
        <div className="platform-progress">
          {batch.channels.map((c) => {
            const label = shared(c.platform)
              ? `${platformLabel(c.platform)} #${c.channelId}`
              : platformLabel(c.platform);
            const finished = c.succeeded + c.skipped + c.deadLettered + c.cancelled;
            return (
              <div
                key={c.channelId}
                className="platform-progress-row"
                data-testid={`platform-progress-${c.platform}`}
                data-channel={c.channelId}
                data-done={finished}
                data-total={c.total}
                data-dead={c.deadLettered}
              >
                <span className="platform-progress-label">{label}</span>
                <ProgressBar
                  value={c.percent}
                  label={t("batch.platformProgress", { platform: label })}
                  tone={c.deadLettered ? "warn" : "info"}
                />
                <span className="platform-progress-count">
                  {formatCount(finished)}/{formatCount(c.total)}
                  {c.deadLettered ? (
                    <span className="text-bad"> · {t("batch.platformDead", { count: c.deadLettered })}</span>
                  ) : null}
                </span>
              </div>
            );
          })}
        </div>
        <BatchStats batch={batch} />
        <p className="card-links">
          <Link to={`/logs?batchId=${batch.id}`}>{t("batch.callsLink")}</Link>
          {batch.deadLettered > 0 && <Link to="/dead-letters">{t("batch.deadLettersLink")}</Link>}
        </p>
      </section>
      <LiveFeed items={live.state.items} final={live.final} />
    </>
  );
}

const BADGE: Record<LiveMode, ParseKeys> = {
  connecting: "batch.live.connecting",
  live: "batch.live.live",
  reconnecting: "batch.live.reconnecting",
  stopped: "batch.live.stopped",
  finished: "batch.live.finished",
};

/** The socket's real state (or that the batch is over), announced when it changes. */
export function LiveBadge({ mode }: { mode: LiveMode }) {
  const { t } = useTranslation();
  return (
    <span
      className="live-indicator"
      data-live={mode === "live"}
      data-mode={mode}
      data-testid="live-badge"
      role="status"
    >
      {t(BADGE[mode])}
    </span>
  );
}

function CancelButton({ batch, final }: { batch: Batch; final: boolean }) {
  const { t } = useTranslation();
  const [cancel, { loading }] = useMutation(cancelBatchMutation);
  const [errors, setErrors] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const canSync = useCan("SYNC");
  if (final) return null;
  // Cancel stops what has not started (queued, and failed items waiting for a retry); running ones finish.
  const stopping = batch.queued + batch.failed;
  async function run() {
    setErrors([]);
    try {
      const { data } = await cancel({ variables: { id: batch.id } });
      setErrors(data?.cancelBatch.userErrors.map((u) => refusalText(t, u)) ?? []);
      setConfirming(false);
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
    }
  }
  if (confirming) {
    return (
      <div className="stack-end" role="group" aria-label={t("batch.cancel.confirmLabel")}>
        <p className="confirm-text" data-testid="cancel-confirm">
          {t("batch.cancel.question", { count: stopping })}
          {batch.running > 0 ? ` ${t("batch.cancel.runningFinish", { count: batch.running })}` : ""}
        </p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t("batch.cancel.keep")}
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={loading}
            onClick={() => void run()}
          >
            {loading ? t("batch.cancel.cancelling") : t("batch.cancel.stop", { count: stopping })}
          </button>
        </div>
        <InlineErrors messages={errors} />
      </div>
    );
  }
  return (
    <div className="stack-end">
      <button
        type="button"
        className="button button-danger"
        disabled={!canSync}
        title={canSync ? undefined : t("sync.roleMayNot")}
        onClick={() => setConfirming(true)}
      >
        {t("batch.cancel.button")}
      </button>
      <InlineErrors messages={errors} />
    </div>
  );
}
