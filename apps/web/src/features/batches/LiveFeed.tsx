import { useMemo, useState } from "react";
import { Link } from "react-router";
import { formatRelative } from "../../ui/format";
import { PlatformTag } from "../../ui/PlatformTag";
import { StatusBadge } from "../../ui/StatusBadge";
import { EmptyState } from "../../ui/states";
import { VirtualList } from "../../ui/VirtualList";
import { recentResults, type Item } from "./live-state";

const PROBLEMS = new Set(["FAILED", "DEAD_LETTERED"]);

/** Every item's latest state, the most recent change on top: what just happened, as it happens. */
export function LiveFeed({ items, final }: { items: ReadonlyMap<string, Item>; final: boolean }) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const results = useMemo(() => recentResults(items), [items]);
  const shown = useMemo(
    () => (problemsOnly ? results.filter((i) => PROBLEMS.has(i.status)) : results),
    [results, problemsOnly],
  );
  return (
    <section className="card" aria-labelledby="feed-title">
      <div className="card-header">
        <h2 id="feed-title">
          Item results{" "}
          <span className="muted small">
            latest first{results.length >= 1000 ? " · the 1,000 most recent" : ""}
          </span>
        </h2>
        <label className="check">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          Problems only
        </label>
      </div>
      {shown.length === 0 ? (
        <EmptyState
          title={problemsOnly ? "No problems" : final ? "No item results" : "Waiting for the first results…"}
        />
      ) : (
        <VirtualList
          items={shown}
          label="Item results"
          testId="live-feed"
          estimateSize={44}
          maxHeight="420px"
          getKey={(i) => i.id}
          renderItem={(item) => (
            <div
              className="feed-row"
              data-testid="feed-row"
              data-sku={item.sku}
              data-platform={item.platform}
              data-status={item.status}
            >
              <StatusBadge status={item.status} />
              <PlatformTag platform={item.platform} />
              <Link className="mono feed-sku" to={`/products/${item.productId}`}>
                {item.sku}
              </Link>
              <span className="feed-message" title={item.errorMessage ?? undefined}>
                {item.errorMessage
                  ? `${item.errorClass ?? ""}${item.errorField ? ` · ${item.errorField}` : ""}: ${item.errorMessage}`
                  : ""}
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
