import { useEffect, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { formatCount, platformLabel } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Loading, errorMessage } from "../../ui/states";
import { queueStatsQuery } from "./operations";
import { BullBoardLink } from "./BullBoardLink";
import { PauseToggle } from "./PauseToggle";

const POLL_MS = 2000;

const COUNTERS = [
  { key: "waiting", label: "Waiting", tone: "info" },
  { key: "active", label: "Active", tone: "info" },
  { key: "delayed", label: "Delayed", tone: "warn", hint: "waiting for a retry or a rate-limit window" },
  { key: "failed", label: "Failed", tone: "bad" },
  { key: "completed", label: "Completed", tone: "ok" },
] as const;

export function QueuesPage() {
  const { data, error, refetch } = useQuery(queueStatsQuery, {
    pollInterval: POLL_MS,
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: false,
  });
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    if (data) setUpdatedAt(Date.now());
  }, [data]);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  const age = updatedAt ? Math.round((Date.now() - updatedAt) / 1000) : null;

  return (
    <>
      <PageHeader
        title="Queue health"
        subtitle="One queue per marketplace channel, refreshed every 2 seconds."
        actions={
          <>
            <BullBoardLink />
            <span className={`live-indicator`} data-live={age !== null && age < 5}>
              {age === null ? "Connecting…" : age < 5 ? "Live" : `Updated ${age} s ago`}
            </span>
          </>
        }
      />
      {error && data && (
        <p className="notice notice-warn">Refresh failed: {errorMessage(error)}. Showing the last numbers.</p>
      )}
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} title="Could not read the queues" />
      ) : !data ? (
        <Loading label="Reading queues…" />
      ) : data.queueStats.length === 0 ? (
        <EmptyState title="No queues">
          <p>No marketplace channel is configured.</p>
        </EmptyState>
      ) : (
        <div className="queue-grid">
          {data.queueStats.map((q) => (
            <section
              key={q.name}
              className={`card queue-card platform-border-${q.platform.toLowerCase()}`}
              data-testid="queue"
              aria-label={q.name}
            >
              <div className="card-header">
                <h2>
                  {platformLabel(q.platform)} <span className="muted small mono">shop {q.shopId}</span>
                </h2>
                {q.paused ? (
                  <span className="badge tone-warn">Paused</span>
                ) : (
                  <span className="badge tone-ok">Running</span>
                )}
              </div>
              <p className="mono small muted">{q.name}</p>
              <PauseToggle channelId={q.channelId} paused={q.paused} name={q.name} />
              <dl className="stat-grid stat-grid-compact">
                {COUNTERS.map((c) => (
                  <div key={c.key} className={`stat tone-${c.tone}`} title={"hint" in c ? c.hint : undefined}>
                    <dt>{c.label}</dt>
                    <dd>{formatCount(q[c.key])}</dd>
                  </div>
                ))}
                <div
                  className={`stat ${q.workers === 0 ? "tone-bad" : "tone-ok"}`}
                  title={q.workers === 0 ? "No worker is consuming this queue" : undefined}
                >
                  <dt>Workers</dt>
                  <dd>{formatCount(q.workers)}</dd>
                </div>
              </dl>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
