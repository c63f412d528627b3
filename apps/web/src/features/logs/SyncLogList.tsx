import { useCallback } from "react";
import { useQuery } from "@apollo/client/react";
import { NetworkStatus } from "@apollo/client";
import { formatCount } from "../../ui/format";
import { EmptyState, ErrorState, Loading, Spinner } from "../../ui/states";
import { VirtualList } from "../../ui/VirtualList";
import { LogEntry } from "./LogEntry";
import { syncLogsQuery } from "./operations";

const PAGE = 50;

interface Props {
  productId?: string | null;
  batchId?: string | null;
  maxHeight?: string;
}

/** Marketplace calls, newest first, loading older ones as the list scrolls. */
export function SyncLogList({ productId = null, batchId = null, maxHeight }: Props) {
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(syncLogsQuery, {
    variables: { first: PAGE, productId, batchId },
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
    return <ErrorState error={error} retry={() => void refetch()} title="Could not load the sync log" />;
  if (!connection) return <Loading label="Loading sync log…" />;
  if (logs.length === 0) {
    return (
      <EmptyState title="No marketplace calls yet">
        <p>Every call to Shopee or TikTok Shop is recorded here, with its request and response.</p>
      </EmptyState>
    );
  }
  return (
    <div className="log-list">
      <div className="list-meta">
        <span className="muted">
          {formatCount(logs.length)} of {formatCount(connection.totalCount)} calls
        </span>
        {networkStatus === NetworkStatus.refetch || fetchingMore ? (
          <Spinner label="Loading" />
        ) : (
          <button type="button" className="button button-ghost button-small" onClick={() => void refetch()}>
            Refresh
          </button>
        )}
      </div>
      <VirtualList
        items={logs}
        label="Marketplace calls"
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
