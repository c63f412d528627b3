import { useEffect, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { formatCount, formatDuration, platformLabel } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Loading, errorMessage } from "../../ui/states";
import { queueStatsQuery } from "./operations";
import { BullBoardLink } from "./BullBoardLink";
import { PauseToggle } from "./PauseToggle";

const POLL_MS = 2000;

const COUNTERS: readonly {
  key: "waiting" | "active" | "delayed" | "failed" | "completed";
  label: ParseKeys;
  tone: string;
  hint?: ParseKeys;
}[] = [
  { key: "waiting", label: "queues.counters.waiting", tone: "info" },
  { key: "active", label: "queues.counters.active", tone: "info" },
  { key: "delayed", label: "queues.counters.delayed", tone: "warn", hint: "queues.counters.delayedHint" },
  { key: "failed", label: "queues.counters.failed", tone: "bad" },
  { key: "completed", label: "queues.counters.completed", tone: "ok" },
];

export function QueuesPage() {
  const { t } = useTranslation();
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
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const age = updatedAt ? Math.round((Date.now() - updatedAt) / 1000) : null;

  return (
    <>
      <PageHeader
        title={t("queues.title")}
        subtitle={t("queues.subtitle", { seconds: formatCount(POLL_MS / 1000) })}
        actions={
          <>
            <BullBoardLink />
            <span className={`live-indicator`} data-live={age !== null && age < 5}>
              {age === null
                ? t("queues.connecting")
                : age < 5
                  ? t("queues.live")
                  : t("queues.updatedAgo", { age: formatDuration(age) })}
            </span>
          </>
        }
      />
      {error && data && (
        <p className="notice notice-warn">{t("queues.refreshFailed", { message: errorMessage(error) })}</p>
      )}
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} title={t("queues.loadFailed")} />
      ) : !data ? (
        <Loading label={t("queues.loading")} />
      ) : data.queueStats.length === 0 ? (
        <EmptyState title={t("queues.empty")}>
          <p>{t("queues.emptyHint")}</p>
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
                  {platformLabel(q.platform)}{" "}
                  <span className="muted small mono">{t("queues.shop", { id: q.shopId })}</span>
                </h2>
                {q.paused ? (
                  <span className="badge tone-warn">{t("queues.paused")}</span>
                ) : (
                  <span className="badge tone-ok">{t("queues.running")}</span>
                )}
              </div>
              <p className="mono small muted">{q.name}</p>
              <PauseToggle channelId={q.channelId} paused={q.paused} name={q.name} />
              <dl className="stat-grid stat-grid-compact">
                {COUNTERS.map((c) => (
                  <div key={c.key} className={`stat tone-${c.tone}`} title={c.hint && t(c.hint)}>
                    <dt>{t(c.label)}</dt>
                    <dd>{formatCount(q[c.key])}</dd>
                  </div>
                ))}
                <div
                  className={`stat ${q.workers === 0 ? "tone-bad" : "tone-ok"}`}
                  title={q.workers === 0 ? t("queues.noWorkers") : undefined}
                >
                  <dt>{t("queues.workers")}</dt>
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
