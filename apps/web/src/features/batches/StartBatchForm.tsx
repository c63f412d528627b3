import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { Link, useSearchParams } from "react-router";
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
    const input: StartBatchSyncInput = { platforms, force };
    if (source === "selection") {
      if (selected.size === 0) return setLocalError("Select products on the products page first.");
      input.productIds = [...selected.keys()];
    } else if (source === "search") {
      if (!search.trim()) return setLocalError("Type a search, or choose the whole catalog.");
      input.search = search.trim();
    }
    void start(input);
  }

  const items = (source === "selection" ? selected.size : (count ?? 0)) * platforms.length;

  return (
    <form className="card start-batch" onSubmit={submit} aria-labelledby="start-title">
      <div className="card-header">
        <h2 id="start-title">Start a batch sync</h2>
      </div>
      <fieldset className="source-options">
        <legend>Products</legend>
        <label className="radio">
          <input
            type="radio"
            name="source"
            checked={source === "selection"}
            onChange={() => setSource("selection")}
          />
          <span>
            Selected products <strong>({formatCount(selected.size)})</strong>
            {selected.size === 0 && (
              <span className="muted">
                {" "}
                — pick them on the <Link to="/products">products page</Link>
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
          <span>Products matching</span>
          <input
            type="search"
            className="inline-input"
            aria-label="Search for the batch"
            placeholder="SKU, title or brand"
            value={search}
            onFocus={() => setSource("search")}
            onChange={(e) => setSearch(e.target.value)}
          />
          {source === "search" && search.trim() && count !== undefined && (
            <span className="muted">{formatCount(count)} products</span>
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
            Whole catalog{" "}
            {source !== "search" && count !== undefined && (
              <span className="muted">({formatCount(count)} products)</span>
            )}
          </span>
        </label>
      </fieldset>
      <div className="form-row">
        <PlatformPicker value={platforms} onChange={setPlatforms} />
        <label className="check" title="Send even when nothing changed since the last sync">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force (send unchanged listings too)
        </label>
      </div>
      <InlineErrors messages={[...errors, ...(localError ? [localError] : [])]} />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={starting || platforms.length === 0 || !canSync}
          title={canSync ? undefined : "Your role may not start or change syncs"}
        >
          {starting ? "Starting…" : `Start batch${items ? ` · ${formatCount(items)} items` : ""}`}
        </button>
      </div>
    </form>
  );
}
