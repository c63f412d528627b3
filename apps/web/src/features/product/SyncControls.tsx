import { useEffect, useRef, useState } from "react";
import { useMutation } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Platform } from "../../gql/graphql";
import { formatPercent, platformLabel } from "../../ui/format";
import { ProgressBar } from "../../ui/ProgressBar";
import { StatusBadge } from "../../ui/StatusBadge";
import { MarketplaceError } from "../../ui/MarketplaceError";
import { InlineErrors, errorMessage } from "../../ui/states";
import { PLATFORMS } from "../batches/useStartBatch";
import { FINAL_ITEM } from "../batches/live-state";
import { useBatchProgress } from "../batches/useBatchProgress";
import { useCan } from "../../auth/useCan";
import { syncProductMutation } from "./operations";
import { refusalText } from "../../i18n/refusals";

interface Props {
  productId: string;
  /** Called when an item of the sync reaches a final state, and when the sync ends. */
  onProgress: () => void;
}

export function SyncControls({ productId, onProgress }: Props) {
  const { t } = useTranslation();
  const [force, setForce] = useState(false);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [sync, { loading }] = useMutation(syncProductMutation);
  const canSync = useCan("SYNC");
  const blocked = loading || !canSync;
  const why = canSync ? undefined : t("sync.roleMayNot");

  async function run(platforms: Platform[]) {
    setErrors([]);
    try {
      const { data } = await sync({ variables: { input: { productId, platforms, force } } });
      const payload = data?.syncProduct;
      if (payload?.batch) setBatchId(payload.batch.id);
      else setErrors(payload?.userErrors.map((u) => refusalText(t, u)) ?? [t("sync.syncNotStarted")]);
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
    }
  }

  return (
    <div className="sync-controls">
      <div className="button-row" role="group" aria-label={t("sync.group")}>
        {PLATFORMS.map((p) => (
          <button
            key={p}
            type="button"
            className="button"
            disabled={blocked}
            title={why}
            onClick={() => void run([p])}
          >
            {t("sync.syncTo", { platform: platformLabel(p) })}
          </button>
        ))}
        <button
          type="button"
          className="button button-primary"
          disabled={blocked}
          title={why}
          onClick={() => void run([...PLATFORMS])}
        >
          {t("sync.syncToBoth")}
        </button>
        <label className="check" title={t("sync.forceHint")}>
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t("sync.force")}
        </label>
      </div>
      <InlineErrors messages={errors} />
      {batchId && (
        <SyncWatch key={batchId} batchId={batchId} onProgress={onProgress} onClose={() => setBatchId(null)} />
      )}
    </div>
  );
}

/** The sync just started, live from batchProgress: one row per platform item. */
function SyncWatch({
  batchId,
  onProgress,
  onClose,
}: {
  batchId: string;
  onProgress: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { state, final: settled } = useBatchProgress(batchId);
  const items = [...state.items.values()].sort((a, b) => a.platform.localeCompare(b.platform));
  const finished = items.filter((i) => FINAL_ITEM.has(i.status)).length;
  // One story: "finished" only when the batch's counters say nothing is in flight AND every row
  // shown here has its final state (the rows catch up from the items walk a moment later).
  const final =
    settled && state.batch !== null && items.length === state.batch.total && finished === items.length;
  const announced = useRef({ finished: 0, final: false });

  // Refresh the listings as each platform finishes, not only when the whole sync does.
  useEffect(() => {
    if (finished > announced.current.finished || (final && !announced.current.final)) {
      announced.current = { finished, final };
      onProgress();
    }
  }, [finished, final, onProgress]);

  const batch = state.batch;
  return (
    <div className="sync-watch" role="status" aria-live="polite" data-testid="sync-watch" data-final={final}>
      <div className="sync-watch-header">
        <strong>
          {final
            ? t("sync.finished")
            : batch?.status === "CANCELLED"
              ? t("sync.cancelledWaiting")
              : t("sync.syncing")}
        </strong>
        {batch && (
          <ProgressBar
            value={batch.percent}
            label={t("sync.progress")}
            tone={batch.deadLettered ? "warn" : "info"}
          />
        )}
        {batch && <span className="muted small">{formatPercent(batch.percent)}</span>}
        <Link to={`/batches/${batchId}`} className="small">
          {t("sync.details")}
        </Link>
        {final && (
          <button
            type="button"
            className="button button-ghost button-tiny"
            onClick={onClose}
            aria-label={t("sync.dismiss")}
          >
            ✕
          </button>
        )}
      </div>
      <ul className="sync-watch-items">
        {items.map((i) => (
          <li key={i.id}>
            <span className="sync-watch-platform">{platformLabel(i.platform)}</span>{" "}
            <StatusBadge status={i.status} />
            {i.errorMessage && (
              <span className="text-bad small">
                {" "}
                <MarketplaceError errorClass={i.errorClass} field={i.errorField} message={i.errorMessage} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
