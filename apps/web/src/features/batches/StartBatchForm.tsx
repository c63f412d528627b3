import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { Link, useSearchParams } from "react-router";
import { Trans, useTranslation } from "react-i18next";
import type { Platform, StartBatchSyncInput } from "../../gql/graphql";
import { formatCount } from "../../ui/format";
import { InlineErrors } from "../../ui/states";
import { catalogSizeQuery } from "./operations";
import { useSelection } from "../products/selection";
import { PlatformPicker } from "./PlatformPicker";
import { useCan } from "../../auth/useCan";
import { PLATFORMS, useStartBatch } from "./useStartBatch";

type Source = "selection" | "search" | "catalog";

export function StartBatchForm() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const selected = useSelection();
  const initialSource = params.get("source");
  const [source, setSource] = useState<Source>(
    initialSource === "search" || initialSource === "catalog" || initialSource === "selection"
      ? initialSource
      : selected.size > 0
        ? "selection"
        : "search",
  );
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [platforms, setPlatforms] = useState<Platform[]>([...PLATFORMS]);
  const [force, setForce] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [label, setLabel] = useState("");
  const { start, starting, errors } = useStartBatch();
  const canSync = useCan("SYNC");
  const size = useQuery(catalogSizeQuery, {
    variables: { search: source === "search" && search.trim() ? search.trim() : null },
  });
  const count = size.data?.products.totalCount;
  const [localError, setLocalError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    const input: StartBatchSyncInput = { platforms, force, dryRun, label: label.trim() || null };
    if (source === "selection") {
      if (selected.size === 0) return setLocalError(t("startBatch.selectFirst"));
      input.productIds = [...selected.keys()];
    } else if (source === "search") {
      if (!search.trim()) return setLocalError(t("startBatch.typeSearch"));
      input.search = search.trim();
    }
    void start(input);
  }

  const items = (source === "selection" ? selected.size : (count ?? 0)) * platforms.length;

  return (
    <form className="card start-batch" onSubmit={submit} aria-labelledby="start-title">
      <div className="card-header">
        <h2 id="start-title">{t("startBatch.title")}</h2>
      </div>
      <fieldset className="source-options">
        <legend>{t("startBatch.products")}</legend>
        <label className="radio">
          <input
            type="radio"
            name="source"
            checked={source === "selection"}
            onChange={() => setSource("selection")}
          />
          <span>
            {t("startBatch.selected")} <strong>({formatCount(selected.size)})</strong>
            {selected.size === 0 && (
              <span className="muted">
                {" "}
                <Trans i18nKey="startBatch.pickThem" components={{ goto: <Link to="/products" /> }} />
              </span>
            )}
          </span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="source"
            checked={source === "search"}
            onChange={() => setSource("search")}
          />
          <span>{t("startBatch.matching")}</span>
          <input
            type="search"
            className="inline-input"
            aria-label={t("startBatch.searchLabel")}
            placeholder={t("startBatch.searchPlaceholder")}
            value={search}
            onFocus={() => setSource("search")}
            onChange={(e) => setSearch(e.target.value)}
          />
          {source === "search" && search.trim() && count !== undefined && (
            <span className="muted">{t("startBatch.productCount", { count })}</span>
          )}
        </label>
        <label className="radio">
          <input
            type="radio"
            name="source"
            checked={source === "catalog"}
            onChange={() => setSource("catalog")}
          />
          <span>
            {t("startBatch.catalog")}{" "}
            {source !== "search" && count !== undefined && (
              <span className="muted">({t("startBatch.productCount", { count })})</span>
            )}
          </span>
        </label>
      </fieldset>
      <div className="form-row">
        <label className="field">
          <span>{t("startBatch.label")}</span>
          <input
            type="text"
            maxLength={200}
            placeholder={t("startBatch.labelPlaceholder")}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
      </div>
      <div className="form-row">
        <PlatformPicker value={platforms} onChange={setPlatforms} />
        <label className="check" title={t("sync.forceHint")}>
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t("startBatch.force")}
        </label>
        <label className="check" title={t("startBatch.dryRunHint")}>
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          {t("startBatch.dryRun")}
        </label>
      </div>
      <InlineErrors messages={[...errors, ...(localError ? [localError] : [])]} />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={starting || platforms.length === 0 || !canSync}
          title={canSync ? undefined : t("sync.roleMayNot")}
        >
          {starting
            ? t("sync.starting")
            : dryRun
              ? t("startBatch.planItems", { count: items })
              : items
                ? t("startBatch.startItems", { count: items })
                : t("startBatch.start")}
        </button>
      </div>
    </form>
  );
}
