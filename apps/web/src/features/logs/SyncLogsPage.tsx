import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../ui/PageHeader";
import { SyncLogList } from "./SyncLogList";

export function SyncLogsPage() {
  const { t } = useTranslation();
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
      <PageHeader title={t("logs.title")} subtitle={t("logs.subtitle")} />
      <form className="toolbar" onSubmit={apply}>
        <label className="field">
          <span>{t("logs.productId")}</span>
          <input
            value={product}
            onChange={(e) => setProduct(e.target.value)}
            inputMode="numeric"
            placeholder={t("logs.any")}
          />
        </label>
        <label className="field field-grow">
          <span>{t("logs.batchId")}</span>
          <input value={batch} onChange={(e) => setBatch(e.target.value)} placeholder={t("logs.any")} />
        </label>
        <button type="submit" className="button">
          {t("logs.filter")}
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
            {t("logs.clear")}
          </button>
        )}
      </form>
      <section className="card">
        <SyncLogList key={`${productId}:${batchId}`} productId={productId} batchId={batchId} />
      </section>
    </>
  );
}
