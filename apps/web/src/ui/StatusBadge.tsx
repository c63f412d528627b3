import { useStatusLabel } from "../i18n/enums";

/** Colour by meaning, shared by listing, item and batch statuses (see the .tone-* classes). */
const TONE: Record<string, string> = {
  SYNCED: "ok",
  SUCCEEDED: "ok",
  COMPLETED: "ok",
  OUT_OF_DATE: "warn",
  COMPLETED_WITH_ERRORS: "warn",
  SKIPPED: "muted",
  FAILED: "bad",
  DEAD_LETTERED: "bad",
  PENDING: "info",
  IN_REVIEW: "info",
  REJECTED: "bad",
  QUEUED: "info",
  RUNNING: "info",
  NOT_LISTED: "muted",
  CANCELLED: "muted",
};

export function toneOf(status: string): string {
  return TONE[status] ?? "muted";
}

export function StatusBadge({ status, label, title }: { status: string; label?: string; title?: string }) {
  const statusLabel = useStatusLabel();
  return (
    <span className={`badge tone-${toneOf(status)}`} data-status={status} title={title}>
      {label ?? statusLabel(status)}
    </span>
  );
}
