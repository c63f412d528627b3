import { useMemo, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { formatCount, formatRelative } from "../../ui/format";
import { MarketplaceError } from "../../ui/MarketplaceError";
import { PlatformTag } from "../../ui/PlatformTag";
import { StatusBadge } from "../../ui/StatusBadge";
import { EmptyState } from "../../ui/states";
import { VirtualList } from "../../ui/VirtualList";
import { FEED_CAP, recentResults, type Item } from "./live-state";

const PROBLEMS = new Set(["FAILED", "DEAD_LETTERED"]);

/** Every item's latest state, the most recent change on top: what just happened, as it happens. */
export function LiveFeed({ items, final }: { items: ReadonlyMap<string, Item>; final: boolean }) {
  const { t } = useTranslation();
  const [problemsOnly, setProblemsOnly] = useState(false);
  // Problems are picked before the feed is capped: in a batch of thousands, the one failure an
  // operator looks for is rarely among the latest results.
  const shown = useMemo(
    () =>
      recentResults(
        problemsOnly ? new Map([...items].filter(([, item]) => PROBLEMS.has(item.status))) : items,
      ),
    [items, problemsOnly],
  );
  return (
    <section className="card" aria-labelledby="feed-title">
      <div className="card-header">
        <h2 id="feed-title">
          {t("liveFeed.title")}{" "}
          <span className="muted small">
            {t("liveFeed.latestFirst")}
            {shown.length >= FEED_CAP ? ` · ${t("liveFeed.mostRecent", { count: FEED_CAP })}` : ""}
          </span>
        </h2>
        <label className="check">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} />
          {t("liveFeed.problemsOnly")}
        </label>
      </div>
      {shown.length === 0 ? (
        <EmptyState
          title={
            problemsOnly ? t("liveFeed.noProblems") : final ? t("liveFeed.noResults") : t("liveFeed.waiting")
          }
        />
      ) : (
        <VirtualList
          items={shown}
          label={t("liveFeed.title")}
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
                {item.errorMessage && (
                  <MarketplaceError
                    errorClass={item.errorClass}
                    field={item.errorField}
                    message={item.errorMessage}
                  />
                )}
                {item.attempts > 1
                  ? ` ${t("liveFeed.attempt", { attempt: formatCount(item.attempts) })}`
                  : ""}
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
