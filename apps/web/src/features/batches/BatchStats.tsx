import { useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { formatCount, formatDecimal, formatDuration } from "../../ui/format";
import type { Batch } from "./live-state";

const TILES: { key: keyof Batch; label: ParseKeys; tone: string; hint?: ParseKeys }[] = [
  { key: "succeeded", label: "status.SUCCEEDED", tone: "ok" },
  { key: "skipped", label: "status.SKIPPED", tone: "muted", hint: "batch.stats.skippedHint" },
  { key: "deadLettered", label: "status.DEAD_LETTERED", tone: "bad" },
  { key: "failed", label: "batch.stats.retrying", tone: "warn", hint: "batch.stats.retryingHint" },
  { key: "running", label: "status.RUNNING", tone: "info" },
  { key: "queued", label: "status.QUEUED", tone: "info" },
  { key: "cancelled", label: "status.CANCELLED", tone: "muted" },
];

export function BatchStats({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  return (
    <dl className="stat-grid" data-testid="batch-counts">
      {TILES.map((tile) => (
        <div
          key={tile.key}
          className={`stat tone-${tile.tone}`}
          title={tile.hint && t(tile.hint)}
          data-stat={tile.key}
        >
          <dt>{t(tile.label)}</dt>
          <dd>{formatCount(batch[tile.key] as number)}</dd>
        </div>
      ))}
      <div className="stat">
        <dt>{t("batch.stats.throughput")}</dt>
        <dd>
          {batch.throughput === null
            ? "—"
            : t("batch.stats.perSecond", { rate: formatDecimal(batch.throughput) })}
        </dd>
      </div>
      <div className="stat">
        <dt>{batch.finishedAt ? t("batch.stats.took") : t("batch.stats.timeLeft")}</dt>
        <dd>
          {batch.finishedAt && batch.startedAt
            ? formatDuration((Date.parse(batch.finishedAt) - Date.parse(batch.startedAt)) / 1000)
            : formatDuration(batch.etaSeconds)}
        </dd>
      </div>
    </dl>
  );
}
