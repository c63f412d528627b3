import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../ui/PageHeader";
import { SyncLogList } from "./SyncLogList";

export function SyncLogsPage() {
  const [params, setParams] = useSearchParams();
  const productId = params.get("productId");
  const batchId = params.get("batchId");
  const [product, setProduct] = useState(productId ?? "");
  const [batch, setBatch] = useState(batchId ?? "");

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (product.trim()) next.set("productId", product.trim());
    if (batch.trim()) next.set("batchId", batch.trim());
    setParams(next);
  }

  return (
    <>
      <PageHeader
        title="Sync log"
        subtitle="Every marketplace call: request and response as sent and received, secrets redacted."
      />
      <form className="toolbar" onSubmit={apply}>
        <label className="field">
          <span>Product id</span>
          <input
            value={product}
            onChange={(e) => setProduct(e.target.value)}
            inputMode="numeric"
            placeholder="any"
          />
        </label>
        <label className="field field-grow">
          <span>Batch id</span>
          <input value={batch} onChange={(e) => setBatch(e.target.value)} placeholder="any" />
        </label>
        <button type="submit" className="button">
          Filter
        </button>
        {(productId || batchId) && (
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              setProduct("");
              setBatch("");
              setParams(new URLSearchParams());
            }}
          >
            Clear
          </button>
        )}
      </form>
      <section className="card">
        <SyncLogList key={`${productId}:${batchId}`} productId={productId} batchId={batchId} />
      </section>
    </>
  );
}
