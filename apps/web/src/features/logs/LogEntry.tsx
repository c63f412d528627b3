import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { SyncLogsQuery } from "../../gql/graphql";
import { formatCount, formatDateTime, formatRelative } from "../../ui/format";
import { JsonView } from "../../ui/JsonView";
import { MarketplaceError } from "../../ui/MarketplaceError";
import { PlatformTag } from "../../ui/PlatformTag";

export type SyncLogNode = SyncLogsQuery["syncLogs"]["edges"][number]["node"];

function httpTone(status: number | null): string {
  if (status === null) return "bad";
  if (status < 300) return "ok";
  if (status === 429 || status < 500) return "warn";
  return "bad";
}

export function LogEntry({ log, showProduct }: { log: SyncLogNode; showProduct: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const failed = log.errorClass !== null;
  return (
    <article
      className={`log-entry${failed ? " is-failed" : ""}`}
      data-testid="log-entry"
      data-sku={log.sku ?? ""}
      data-channel-id={log.channelId}
      data-error-class={log.errorClass ?? ""}
      data-batch-id={log.batchId ?? ""}
    >
      <button type="button" className="log-summary" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chevron" aria-hidden="true">
          {open ? "▾" : "▸"}
        </span>
        <time dateTime={log.createdAt} title={formatDateTime(log.createdAt)} className="muted log-time">
          {formatRelative(log.createdAt)}
        </time>
        <PlatformTag platform={log.platform} />
        {showProduct && log.sku && (
          <span className="log-product" data-testid="log-product">
            <span className="mono">{log.sku}</span>{" "}
            <span className="muted" translate="no">
              {log.productTitle}
            </span>
          </span>
        )}
        <span className="mono log-endpoint">
          <strong>{log.method}</strong> {log.endpoint}
        </span>
        <span className={`badge tone-${httpTone(log.httpStatus)}`}>
          {log.httpStatus ?? t("logs.noResponse")}
        </span>
        <span className="muted log-duration">{t("logs.ms", { ms: formatCount(log.durationMs) })}</span>
        {log.attempt > 1 && (
          <span className="muted">{t("logs.attempt", { attempt: formatCount(log.attempt) })}</span>
        )}
        {failed && (
          <span className="text-bad log-error">
            <MarketplaceError
              errorClass={log.errorClass}
              field={log.errorCode}
              message={log.errorMessage ?? ""}
            />
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
                <Link to={`/products/${log.productId}`}>
                  {log.sku
                    ? t("logs.productSku", { sku: log.sku })
                    : t("logs.product", { id: log.productId })}
                </Link>
              </>
            )}
            {log.batchId && (
              <>
                {" · "}
                <Link to={`/batches/${log.batchId}`}>{t("logs.batch", { id: log.batchId.slice(0, 8) })}</Link>
              </>
            )}
          </p>
          <div className="json-pair">
            <JsonView label={t("logs.request")} value={log.request} />
            <JsonView label={t("logs.response")} value={log.response} />
          </div>
        </div>
      )}
    </article>
  );
}
