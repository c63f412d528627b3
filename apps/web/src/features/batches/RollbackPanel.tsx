import { useState } from "react";
import { useMutation } from "@apollo/client/react";
import { Link, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { LaterChanges, RollbackBatchMutation } from "../../gql/graphql";
import { formatCount, platformLabel } from "../../ui/format";
import { InlineErrors, errorMessage } from "../../ui/states";
import { useCan } from "../../auth/useCan";
import { rollbackBatchMutation } from "./operations";

type Preview = NonNullable<RollbackBatchMutation["rollbackBatch"]["preview"]>;

/**
 * "Roll back" on a finished batch: first the dry run (what will be restored and delisted, and which
 * listings a later batch changed — the person chooses to skip or force those), then the ROLLBACK
 * batch, whose page follows it live like any batch.
 */
export function RollbackPanel({ batchId, final }: { batchId: string; final: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canSync = useCan("SYNC");
  const [rollback, { loading }] = useMutation(rollbackBatchMutation);
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [policy, setPolicy] = useState<LaterChanges>("REFUSE");
  const [laterRefused, setLaterRefused] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  if (!final) return null;

  async function call(dryRun: boolean, onLaterChanges: LaterChanges) {
    setErrors([]);
    try {
      const { data } = await rollback({ variables: { input: { batchId, dryRun, onLaterChanges } } });
      const result = data?.rollbackBatch;
      if (!result) return;
      const later = result.userErrors.find((u) => u.code === "LATER_CHANGES");
      setLaterRefused(later ? later.message : null);
      setErrors(result.userErrors.filter((u) => u.code !== "LATER_CHANGES").map((u) => u.message));
      setPreview(result.preview ?? null);
      if (!dryRun && result.batch) void navigate(`/batches/${result.batch.id}`);
    } catch (e) {
      setErrors([errorMessage(e instanceof Error ? e : new Error(String(e)))]);
    }
  }

  function choose(next: LaterChanges) {
    setPolicy(next);
    void call(true, next);
  }

  if (!open) {
    return (
      <div className="stack-end">
        <button
          type="button"
          className="button"
          disabled={!canSync}
          title={canSync ? undefined : t("sync.roleMayNot")}
          onClick={() => {
            setOpen(true);
            void call(true, policy);
          }}
        >
          {t("rollback.button")}
        </button>
      </div>
    );
  }

  const total = preview ? preview.restore + preview.delist : 0;
  return (
    <section className="card" aria-label={t("rollback.previewLabel")} data-testid="rollback-preview">
      <h2>{t("rollback.previewTitle")}</h2>
      {loading && !preview && <p>{t("rollback.previewing")}</p>}
      {(laterRefused || policy !== "REFUSE") && (
        <fieldset className="stack" data-testid="rollback-later">
          <legend>{t("rollback.later.legend")}</legend>
          {laterRefused && <p>{t("rollback.later.refused")}</p>}
          <label>
            <input type="radio" name="later" checked={policy === "SKIP"} onChange={() => choose("SKIP")} />{" "}
            {t("rollback.later.skip")}
          </label>
          <label>
            <input type="radio" name="later" checked={policy === "FORCE"} onChange={() => choose("FORCE")} />{" "}
            {t("rollback.later.force")}
          </label>
        </fieldset>
      )}
      {preview && (
        <>
          <p data-testid="rollback-counts">
            {t("rollback.counts.restore", { count: preview.restore })} ·{" "}
            {t("rollback.counts.delist", { count: preview.delist })}
            {preview.laterChanged > 0
              ? ` · ${t("rollback.counts.later", { count: preview.laterChanged })}`
              : ""}
            {preview.unrecorded > 0
              ? ` · ${t("rollback.counts.unrecorded", { count: preview.unrecorded })}`
              : ""}
          </p>
          <p className="muted">{t("rollback.delistNote")}</p>
          {preview.items.length > 0 && (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t("rollback.col.product")}</th>
                    <th>{t("rollback.col.platform")}</th>
                    <th>{t("rollback.col.action")}</th>
                    <th>{t("rollback.col.price")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.items.map((i) => (
                    <tr key={`${i.productId}:${i.channelId}`}>
                      <td>
                        <Link to={`/products/${i.productId}`}>{i.sku ?? i.productId}</Link>
                      </td>
                      <td>{platformLabel(i.platform)}</td>
                      <td>
                        {i.action === "DELIST" ? t("rollback.action.delist") : t("rollback.action.restore")}
                        {i.laterBatchId ? ` (${t("rollback.action.later")})` : ""}
                      </td>
                      <td>
                        {i.action === "RESTORE" && i.restorePrice !== null
                          ? t("rollback.priceChange", { from: i.currentPrice ?? "–", to: i.restorePrice })
                          : "–"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.items.length < total && (
            <p className="muted">{t("rollback.more", { count: total - preview.items.length })}</p>
          )}
        </>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            setPreview(null);
            setLaterRefused(null);
            setPolicy("REFUSE");
          }}
        >
          {t("rollback.keep")}
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={loading || !preview || laterRefused !== null}
          onClick={() => void call(false, policy)}
        >
          {loading ? t("rollback.running") : t("rollback.run", { count: total, n: formatCount(total) })}
        </button>
      </div>
      <InlineErrors messages={errors} />
    </section>
  );
}
