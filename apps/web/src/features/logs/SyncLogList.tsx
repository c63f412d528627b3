import { useCallback } from "react";
import { useQuery } from "@apollo/client/react";
import { NetworkStatus } from "@apollo/client";
import { useTranslation } from "react-i18next";
import { formatCount } from "../../ui/format";
import { EmptyState, ErrorState, Loading, Spinner } from "../../ui/states";
import { VirtualList } from "../../ui/VirtualList";
import type { SyncLogsQueryVariables } from "../../gql/graphql";
import { LogEntry } from "./LogEntry";
import { syncLogsQuery } from "./operations";

const PAGE = 50;

/** What the server narrows the log to: search, channel, outcome, error class, time. */
export type LogFilter = Omit<SyncLogsQueryVariables, "first" | "after" | "productId" | "batchId">;

interface Props {
  productId?: string | null;
  batchId?: string | null;
  filter?: LogFilter;
  /** The reader narrowed the log: an empty list then says nothing matched, not that nothing ran. */
  filtered?: boolean;
  maxHeight?: string;
}

/** Marketplace calls, newest first, loading older ones as the list scrolls. */
export function SyncLogList({
  productId = null,
  batchId = null,
  filter = {},
  filtered = false,
  maxHeight,
}: Props) {
  const { t } = useTranslation();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(syncLogsQuery, {
    variables: { first: PAGE, productId, batchId, ...filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.syncLogs;
  const logs = connection?.edges.map((e) => e.node) ?? [];
  const fetchingMore = networkStatus === NetworkStatus.fetchMore;
  const hasNext = connection?.pageInfo.hasNextPage ?? false;
  const endCursor = connection?.pageInfo.endCursor ?? null;

  const loadMore = useCallback(() => {
    if (!hasNext || fetchingMore || !endCursor) return;
    void fetchMore({ variables: { after: endCursor } });
  }, [hasNext, fetchingMore, endCursor, fetchMore]);

  if (error && !data)
    return <ErrorState error={error} retry={() => void refetch()} title={t("logs.loadFailed")} />;
  if (!connection) return <Loading label={t("logs.loading")} />;
  if (logs.length === 0) {
    return (
      <EmptyState title={filtered ? t("logs.noMatch") : t("logs.empty")}>
        <p>{filtered ? t("logs.noMatchHint") : t("logs.emptyHint")}</p>
      </EmptyState>
    );
  }
  return (
    <div className="log-list">
      <div className="list-meta">
        <span className="muted">
          {t("logs.shown", { shown: formatCount(logs.length), count: connection.totalCount })}
        </span>
        {networkStatus === NetworkStatus.refetch || fetchingMore ? (
          <Spinner />
        ) : (
          <button type="button" className="button button-ghost button-small" onClick={() => void refetch()}>
            {t("logs.refresh")}
          </button>
        )}
      </div>
      <VirtualList
        items={logs}
        label={t("logs.listLabel")}
        testId="sync-log"
        estimateSize={44}
        maxHeight={maxHeight}
        getKey={(log) => log.id}
        onEndReached={loadMore}
        renderItem={(log) => <LogEntry log={log} showProduct={!productId} />}
      />
    </div>
  );
}
