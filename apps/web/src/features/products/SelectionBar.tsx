import { useState } from "react";
import { useApolloClient } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import type { Platform, ProductIdsQuery } from "../../gql/graphql";
import { InlineErrors, errorMessage } from "../../ui/states";
import { PlatformPicker } from "../batches/PlatformPicker";
import { PLATFORMS, useStartBatch } from "../batches/useStartBatch";
import { useCan } from "../../auth/useCan";
import { productIdsQuery } from "./operations";
import { selection, useSelection } from "./selection";
import type { ProductFilters } from "./useProductFilters";

/** Selecting "everything matching" fetches ids; past this many, a search-based batch is the tool. */
const MAX_SELECT_ALL = 1000;

interface Props {
  filters: ProductFilters;
  totalMatching: number | null;
}

export function SelectionBar({ filters, totalMatching }: Props) {
  const { t } = useTranslation();
  const selected = useSelection();
  const client = useApolloClient();
  const { start, starting, errors } = useStartBatch();
  const [platforms, setPlatforms] = useState<Platform[]>([...PLATFORMS]);
  const [force, setForce] = useState(false);
  const [selectingAll, setSelectingAll] = useState(false);
  const canSync = useCan("SYNC");
  const [selectError, setSelectError] = useState<string | null>(null);
  const filtered = Boolean(filters.search || filters.listingStatus || filters.platform);

  async function selectAllMatching() {
    setSelectingAll(true);
    setSelectError(null);
    try {
      let after: string | null = null;
      const found: { id: string; sku: string }[] = [];
      do {
        const { data }: { data?: ProductIdsQuery | undefined } = await client.query({
          query: productIdsQuery,
          fetchPolicy: "network-only",
          variables: {
            first: 100,
            after,
            search: filters.search || null,
            listingStatus: filters.listingStatus,
            platform: filters.platform,
          },
        });
        if (!data) break;
        found.push(...data.products.edges.map((e) => e.node));
        after = data.products.pageInfo.hasNextPage ? data.products.pageInfo.endCursor : null;
      } while (after && found.length < MAX_SELECT_ALL);
      selection.setMany(found, true);
    } catch (e) {
      setSelectError(errorMessage(e instanceof Error ? e : new Error(String(e))));
    } finally {
      setSelectingAll(false);
    }
  }

  const canSelectAll =
    filtered &&
    totalMatching !== null &&
    totalMatching > 0 &&
    totalMatching <= MAX_SELECT_ALL &&
    selected.size < totalMatching;
  // Past what selecting can hold, the filters themselves choose the batch: no cap, the same count.
  const canSyncMatching = filtered && totalMatching !== null && totalMatching > 0;

  if (selected.size === 0 && !canSelectAll && !canSyncMatching) return null;

  const syncMatching = () =>
    void start({
      search: filters.search || null,
      listingStatus: filters.listingStatus,
      listingPlatform: filters.platform,
      platforms,
      force,
    });

  return (
    <section className="selection-bar" aria-label={t("selection.label")}>
      <div className="selection-summary">
        {selected.size > 0 ? (
          <>
            <strong data-testid="selected-count">{t("selection.selected", { count: selected.size })}</strong>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => selection.clear()}
            >
              {t("selection.clear")}
            </button>
          </>
        ) : (
          <span className="muted">{t("selection.nothing")}</span>
        )}
        {canSelectAll && (
          <button
            type="button"
            className="button button-ghost button-small"
            disabled={selectingAll}
            onClick={() => void selectAllMatching()}
          >
            {selectingAll ? t("selection.selecting") : t("selection.selectAll", { count: totalMatching })}
          </button>
        )}
      </div>
      <form
        className="selection-actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (selected.size === 0) return syncMatching();
          void start({ productIds: [...selected.keys()], platforms, force }).then(
            (ok) => ok && selection.clear(),
          );
        }}
      >
        <PlatformPicker value={platforms} onChange={setPlatforms} legend={t("selection.syncTo")} />
        <label className="check" title={t("sync.forceHint")}>
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t("sync.force")}
        </label>
        {selected.size > 0 && (
          <button
            type="submit"
            className="button button-primary"
            disabled={starting || platforms.length === 0 || !canSync}
            title={canSync ? undefined : t("sync.roleMayNot")}
          >
            {starting ? t("sync.starting") : t("selection.syncProducts", { count: selected.size })}
          </button>
        )}
        {canSyncMatching && (
          <button
            type={selected.size > 0 ? "button" : "submit"}
            className={`button ${selected.size > 0 ? "button-ghost" : "button-primary"}`}
            disabled={starting || platforms.length === 0 || !canSync}
            title={canSync ? t("selection.syncMatchingHint") : t("sync.roleMayNot")}
            onClick={selected.size > 0 ? syncMatching : undefined}
            data-testid="sync-matching"
          >
            {starting ? t("sync.starting") : t("selection.syncMatching", { count: totalMatching })}
          </button>
        )}
      </form>
      <InlineErrors messages={[...errors, ...(selectError ? [selectError] : [])]} />
    </section>
  );
}
