import { useMemo, useState } from "react";
import { Link } from "react-router";
import { formatRelative } from "../../ui/format";
import { PlatformTag } from "../../ui/PlatformTag";
import { StatusBadge } from "../../ui/StatusBadge";
import { EmptyState } from "../../ui/states";
import { VirtualList } from "../../ui/VirtualList";
import type { FeedEntry } from "./live-state";

const PROBLEMS = new Set(["FAILED", "DEAD_LETTERED"]);

export function LiveFeed({ feed, waiting }: { feed: readonly FeedEntry[]; waiting: boolean }) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const shown = useMemo(() => (problemsOnly ? feed.filter((e) => PROBLEMS.has(e.item.status)) : feed), [feed, problemsOnly]);
  return (
    <section className="card" aria-labelledby="feed-title">
      <div className="card-header">
        <h2 id="feed-title">Live feed</h2>
        <label className="check">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          Problems only
        </label>
      </div>
      {shown.length === 0 ? (
        <EmptyState title={waiting ? "Waiting for the first results…" : problemsOnly ? "No problems" : "No item changes seen on this page"}>
          {!waiting && !problemsOnly && <p>Changes appear here as they happen while the page is open.</p>}
        </EmptyState>
      ) : (
        <VirtualList
          items={shown}
          label="Item results"
          testId="live-feed"
          estimateSize={44}
          maxHeight="420px"
          getKey={(e) => e.key}
          renderItem={({ item }) => (
            <div className="feed-row">
              <StatusBadge status={item.status} />
              <PlatformTag platform={item.platform} />
              <Link className="mono" to={`/products/${item.productId}`}>
                {item.sku}
              </Link>
              <span className="feed-message" title={item.errorMessage ?? undefined}>
                {item.errorMessage ? `${item.errorClass ?? ""}${item.errorField ? ` · ${item.errorField}` : ""}: ${item.errorMessage}` : ""}
                {item.attempts > 1 ? ` (attempt ${item.attempts})` : ""}
              </span>
              <time className="muted" dateTime={item.updatedAt ?? undefined}>
                {formatRelative(item.updatedAt)}
              </time>
            </div>
          )}
        />
      )}
    </section>
  );
}
