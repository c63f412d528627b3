import { formatCount, formatDuration } from "../../ui/format";
import type { Batch } from "./live-state";

const TILES: { key: keyof Batch; label: string; tone: string; hint?: string }[] = [
  { key: "succeeded", label: "Succeeded", tone: "ok" },
  { key: "skipped", label: "Skipped", tone: "muted", hint: "unchanged since the last sync" },
  { key: "deadLettered", label: "Dead-lettered", tone: "bad" },
  { key: "failed", label: "Retrying", tone: "warn", hint: "last attempt failed; another is scheduled" },
  { key: "running", label: "Running", tone: "info" },
  { key: "queued", label: "Queued", tone: "info" },
  { key: "cancelled", label: "Cancelled", tone: "muted" },
];

export function BatchStats({ batch }: { batch: Batch }) {
  return (
    <dl className="stat-grid" data-testid="batch-counts">
      {TILES.map((t) => (
        <div key={t.key} className={`stat tone-${t.tone}`} title={t.hint} data-stat={t.key}>
          <dt>{t.label}</dt>
          <dd>{formatCount(batch[t.key] as number)}</dd>
        </div>
      ))}
      <div className="stat">
        <dt>Throughput</dt>
        <dd>{batch.throughput === null ? "—" : `${batch.throughput.toFixed(1)}/s`}</dd>
      </div>
      <div className="stat">
        <dt>{batch.finishedAt ? "Took" : "Time left"}</dt>
        <dd>
          {batch.finishedAt && batch.startedAt
            ? formatDuration((Date.parse(batch.finishedAt) - Date.parse(batch.startedAt)) / 1000)
            : formatDuration(batch.etaSeconds)}
        </dd>
      </div>
    </dl>
  );
}
