import { formatPercent } from "./format";

interface Props {
  /** 0–100 */
  value: number;
  label: string;
  tone?: "info" | "ok" | "warn" | "bad";
  testId?: string;
  size?: "small" | "large";
}

/** An accessible progress bar; aria-valuenow is what assistive tech (and the e2e test) reads. */
export function ProgressBar({ value, label, tone = "info", testId, size = "small" }: Props) {
  const clamped = Math.min(100, Math.max(0, value));
  return (
    <div
      className={`progress progress-${size} tone-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={formatPercent(clamped)}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${clamped}%` }} />
    </div>
  );
}
