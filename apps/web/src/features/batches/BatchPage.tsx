import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { formatCount, formatDateTime, formatPercent, platformLabel } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { ProgressBar } from "../../ui/ProgressBar";
import { StatusBadge } from "../../ui/StatusBadge";
import { EmptyState, ErrorState, InlineErrors, Loading, errorMessage } from "../../ui/states";
import { BatchStats } from "./BatchStats";
import { LiveFeed } from "./LiveFeed";
import type { Batch } from "./live-state";
import { batchQuery, cancelBatchMutation } from "./operations";
import { useBatchProgress, type LiveMode } from "./useBatchProgress";
import { useCan } from "../../auth/useCan";

export function BatchPage() {
  const { id = "" } = useParams();
  const { data, loading, error, refetch } = useQuery(batchQuery, { variables: { id } });
  const live = useBatchProgress(id);
  // The subscription is fresher than the query once it has spoken.
  const batch: Batch | null | undefined = live.state.batch ?? data?.batch;

  if (!batch) {
    if (error)
      return <ErrorState error={error} retry={() => void refetch()} title="Could not load the batch" />;
    if (loading) return <Loading label="Loading batch…" />;
    return (
      <EmptyState title="Batch not found">
        <p>
          No batch has the id <code>{id}</code>. See <Link to="/batches">all batches</Link>.
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
        title={`Batch ${batch.id.slice(0, 8)}`}
        subtitle={
          <>
            <StatusBadge status={batch.status} /> {formatCount(batch.total)} items ·{" "}
            {batch.platforms.map(platformLabel).join(" + ")}
            {batch.force ? " · forced" : ""} · started {formatDateTime(batch.startedAt ?? batch.createdAt)}
          </>
        }
        actions={<CancelButton batch={batch} final={live.statusFinal} />}
      />
      {live.subscriptionError && !live.final && (
        <ErrorState
          error={live.subscriptionError}
          title="Live updates stopped; the numbers below are read every few seconds instead"
          retry={live.retry}
        />
      )}
      <section className="card" aria-labelledby="progress-title" data-stale={live.stale}>
        <div className="card-header">
          <h2 id="progress-title">Progress</h2>
          <span className="live-status">
            {live.stale && (
              <span className="stale-note" data-testid="stale-note">
                Stale · updated {Math.round(live.ageMs / 1000)} s ago
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
            {formatCount(done)} of {formatCount(batch.total)} items finished
          </span>
        </div>
        <ProgressBar
          value={batch.percent}
          label="Batch progress"
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
                  label={`${label} progress`}
                  tone={c.deadLettered ? "warn" : "info"}
                />
                <span className="platform-progress-count">
                  {formatCount(finished)}/{formatCount(c.total)}
                  {c.deadLettered ? <span className="text-bad"> · {c.deadLettered} dead</span> : null}
                </span>
              </div>
            );
          })}
        </div>
        <BatchStats batch={batch} />
        <p className="card-links">
          <Link to={`/logs?batchId=${batch.id}`}>Marketplace calls of this batch</Link>
          {batch.deadLettered > 0 && <Link to="/dead-letters">Dead-letter queue</Link>}
        </p>
      </section>
      <LiveFeed items={live.state.items} final={live.final} />
    </>
  );
}

const BADGE: Record<LiveMode, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  stopped: "Stopped",
  finished: "Finished",
};

/** The socket's real state (or that the batch is over), announced when it changes. */
export function LiveBadge({ mode }: { mode: LiveMode }) {
  return (
    <span
      className="live-indicator"
      data-live={mode === "live"}
      data-mode={mode}
      data-testid="live-badge"
      role="status"
    >
      {BADGE[mode]}
    </span>
  );
}

function CancelButton({ batch, final }: { batch: Batch; final: boolean }) {
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
      setErrors(data?.cancelBatch.userErrors.map((u) => u.message) ?? []);
      setConfirming(false);
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
    }
  }
  if (confirming) {
    return (
      <div className="stack-end" role="group" aria-label="Confirm cancel">
        <p className="confirm-text" data-testid="cancel-confirm">
          Stop {formatCount(stopping)} item{stopping === 1 ? "" : "s"} that have not been sent?
          {batch.running > 0 ? ` ${formatCount(batch.running)} running will finish.` : ""}
        </p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Keep running
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={loading}
            onClick={() => void run()}
          >
            {loading ? "Cancelling…" : `Stop ${formatCount(stopping)} item${stopping === 1 ? "" : "s"}`}
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
        title={canSync ? undefined : "Your role may not start or change syncs"}
        onClick={() => setConfirming(true)}
      >
        Cancel batch
      </button>
      <InlineErrors messages={errors} />
    </div>
  );
}
