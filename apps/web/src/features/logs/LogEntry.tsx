import { useState } from "react";
import { Link } from "react-router";
import type { SyncLogsQuery } from "../../gql/graphql";
import { formatDateTime, formatRelative } from "../../ui/format";
import { JsonView } from "../../ui/JsonView";
import { PlatformTag } from "../../ui/PlatformTag";

export type SyncLogNode = SyncLogsQuery["syncLogs"]["edges"][number]["node"];

function httpTone(status: number | null): string {
  if (status === null) return "bad";
  if (status < 300) return "ok";
  if (status === 429 || status < 500) return "warn";
  return "bad";
}

export function LogEntry({ log, showProduct }: { log: SyncLogNode; showProduct: boolean }) {
  const [open, setOpen] = useState(false);
  const failed = log.errorClass !== null;
  return (
    <article className={`log-entry${failed ? " is-failed" : ""}`} data-testid="log-entry">
      <button type="button" className="log-summary" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chevron" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        <time dateTime={log.createdAt} title={formatDateTime(log.createdAt)} className="muted log-time">
          {formatRelative(log.createdAt)}
        </time>
        <PlatformTag platform={log.platform} />
        <span className="mono log-endpoint">
          <strong>{log.method}</strong> {log.endpoint}
        </span>
        <span className={`badge tone-${httpTone(log.httpStatus)}`}>{log.httpStatus ?? "no response"}</span>
        <span className="muted log-duration">{log.durationMs} ms</span>
        {log.attempt > 1 && <span className="muted">attempt {log.attempt}</span>}
        {failed && (
          <span className="text-bad log-error">
            {log.errorClass}
            {log.errorCode ? ` ${log.errorCode}` : ""}: {log.errorMessage}
          </span>
        )}
      </button>
      {open && (
        <div className="log-detail">
          <p className="small muted">
            {formatDateTime(log.createdAt)}
            {showProduct && log.productId && (
              <>
                {" · "}
                <Link to={`/products/${log.productId}`}>product {log.productId}</Link>
              </>
            )}
            {log.batchId && (
              <>
                {" · "}
                <Link to={`/batches/${log.batchId}`}>batch {log.batchId.slice(0, 8)}</Link>
              </>
            )}
          </p>
          <div className="json-pair">
            <JsonView label="Request" value={log.request} />
            <JsonView label="Response" value={log.response} />
          </div>
        </div>
      )}
    </article>
  );
}
