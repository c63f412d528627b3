import { useEffect } from "react";
import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ParseKeys } from "i18next";
import { formatCount, platformLabel } from "../../ui/format";
import { ErrorState, InlineErrors, Loading } from "../../ui/states";
import { useCan } from "../../auth/useCan";
import type { Batch } from "./live-state";
import { batchPlanQuery } from "./operations";
import { useStartBatch } from "./useStartBatch";

/** The plan shows this many items; the rest are counted. */
const PLAN_ROWS = 100;

const ACTION: Record<string, ParseKeys> = {
  CREATE: "dryRun.action.create",
  UPDATE: "dryRun.action.update",
  SKIP: "dryRun.action.skip",
};

/**
 * What a dry run found, item by item, once it is over; and the same items started as a real sync.
 * Nothing here was written anywhere: the worker only read the marketplaces.
 */
export function DryRunPlan({ batch, final }: { batch: Batch; final: boolean }) {
  const { t } = useTranslation();
  const canSync = useCan("SYNC");
  const { start, starting, errors } = useStartBatch();
  const { data, loading, error, refetch } = useQuery(batchPlanQuery, {
    variables: { id: batch.id, first: PLAN_ROWS },
  });
  // The plan is read once the last item has planned; until then the counters above say how far it is.
  useEffect(() => {
    if (final) void refetch();
  }, [final, refetch]);
  const items = data?.batch?.items;
  const planned = batch.succeeded;
  return (
    <section className="card" aria-labelledby="plan-title" data-testid="dry-run-plan">
      <div className="card-header">
        <h2 id="plan-title">{t("dryRun.title")}</h2>
        <button
          type="button"
          className="button button-primary"
          disabled={!final || starting || !canSync}
          title={canSync ? undefined : t("sync.roleMayNot")}
          onClick={() =>
            void start({ sameItemsAs: batch.id, platforms: batch.platforms, force: batch.force })
          }
        >
          {starting ? t("sync.starting") : t("dryRun.runForReal")}
        </button>
      </div>
      <p className="muted">{t("dryRun.note")}</p>
      <p data-testid="dry-run-counts">
        {t("dryRun.counts", {
          write: formatCount(planned),
          skip: formatCount(batch.skipped),
          invalid: formatCount(batch.deadLettered),
        })}
      </p>
      <InlineErrors messages={errors} />
      {error && <ErrorState error={error} retry={() => void refetch()} title={t("dryRun.loadFailed")} />}
      {loading && !items && <Loading label={t("dryRun.loading")} />}
      {items && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("dryRun.col.product")}</th>
                <th scope="col">{t("dryRun.col.platform")}</th>
                <th scope="col">{t("dryRun.col.action")}</th>
                <th scope="col">{t("dryRun.col.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {items.edges.map(({ node: i }) => (
                <tr key={i.id} data-testid="plan-row" data-action={i.plannedAction ?? i.status}>
                  <td>
                    <Link to={`/products/${i.productId}`}>{i.sku}</Link>
                  </td>
                  <td>{platformLabel(i.platform)}</td>
                  <td>
                    {i.plannedAction
                      ? t(ACTION[i.plannedAction]!)
                      : i.status === "DEAD_LETTERED"
                        ? t("dryRun.action.invalid")
                        : t("dryRun.action.pending")}
                  </td>
                  <td>
                    {i.status === "DEAD_LETTERED" ? (
                      <span className="text-bad">
                        {i.errorField ? `${i.errorField}: ` : ""}
                        {i.errorMessage}
                      </span>
                    ) : (
                      <ul>
                        {(i.changes ?? []).map((c) => (
                          <li key={c.field}>
                            <code>{c.field}</code>{" "}
                            {t("dryRun.change", {
                              before: c.before ?? t("dryRun.none"),
                              after: c.after ?? t("dryRun.none"),
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items && items.totalCount > items.edges.length && (
        <p className="muted">{t("dryRun.more", { count: items.totalCount - items.edges.length })}</p>
      )}
    </section>
  );
}
