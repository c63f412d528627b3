import { useCallback, useEffect, useRef, useState } from "react";
import { useQuery, useSubscription } from "@apollo/client/react";
import { Link, useParams, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { formatRelative } from "../../ui/format";
import { PageHeader } from "../../ui/PageHeader";
import { EmptyState, ErrorState, Loading } from "../../ui/states";
import { PLATFORMS } from "../batches/useStartBatch";
import { SyncLogList } from "../logs/SyncLogList";
import { ChangePreview } from "./ChangePreview";
import { EditProductForm } from "./EditProductForm";
import { inputForField } from "./edit-fields";
import { ListingCard } from "./ListingCard";
import { MasterFacts } from "./MasterCard";
import { productQuery, productSyncEventsSubscription } from "./operations";
import { SyncControls } from "./SyncControls";
import { useCan } from "../../auth/useCan";

export function ProductPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data, loading, error, refetch, client } = useQuery(productQuery, { variables: { id } });
  const canEdit = useCan("EDIT");
  // `?edit=<field>` comes from a failure that names a field: the form opens on that field's input.
  const [params, setParams] = useSearchParams();
  const editParam = params.get("edit");
  const [editing, setEditing] = useState(editParam !== null && canEdit);
  const focus = editParam ? inputForField(editParam) : null;
  useEffect(() => {
    if (editParam !== null && canEdit) setEditing(true);
  }, [editParam, canEdit]);
  const [saved, setSaved] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  // Listings and the log change whenever this product syncs, from here or anywhere else.
  const refresh = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void refetch();
      void client.refetchQueries({ include: ["SyncLogs"] });
    }, 250);
  }, [refetch, client]);
  useSubscription(productSyncEventsSubscription, {
    variables: { productId: id },
    onData: ({ data: event }) => {
      const status = event.data?.syncEvents.item.status;
      if (status && status !== "QUEUED" && status !== "RUNNING") refresh();
    },
  });

  // A review ends on the marketplace, not in a sync of ours: while one is open, ask again now and then.
  const inReview = data?.product?.listings.some((l) => l.status === "IN_REVIEW") ?? false;
  useEffect(() => {
    if (!inReview) return;
    const timer = setInterval(() => void refetch(), 2000);
    return () => clearInterval(timer);
  }, [inReview, refetch]);

  const product = data?.product;
  if (!product) {
    if (error)
      return <ErrorState error={error} retry={() => void refetch()} title={t("product.loadFailed")} />;
    if (loading) return <Loading label={t("product.loading")} />;
    return (
      <EmptyState title={t("product.notFound")}>
        <p>
          {t("product.noSuchId")} <code>{id}</code> <Link to="/products">{t("product.backToProducts")}</Link>
        </p>
      </EmptyState>
    );
  }

  return (
    <>
      <nav className="breadcrumbs" aria-label={t("product.breadcrumbs")}>
        <Link to="/products">{t("nav.products")}</Link> <span aria-hidden="true">/</span>{" "}
        <span className="mono">{product.sku}</span>
      </nav>
      <PageHeader
        title={product.title}
        subtitle={[
          product.brand,
          product.category,
          t("product.updated", { when: formatRelative(product.updatedAt) }),
        ]
          .filter(Boolean)
          .join(" · ")}
      />
      <SyncControls productId={product.id} onProgress={refresh} />
      <div className="detail-grid">
        <section className="card" aria-labelledby="master-title">
          <div className="card-header">
            <h2 id="master-title">{t("product.master")}</h2>
            {!editing && (
              <button
                type="button"
                className="button button-small"
                disabled={!canEdit}
                title={canEdit ? undefined : t("product.roleMayNotEdit")}
                onClick={() => {
                  setSaved(false);
                  setEditing(true);
                }}
              >
                {t("product.edit")}
              </button>
            )}
          </div>
          {saved && !editing && (
            <p className="notice notice-ok" role="status">
              {t("product.saved")}
            </p>
          )}
          {editing ? (
            <EditProductForm
              product={product}
              focus={focus}
              onDone={(didSave) => {
                setEditing(false);
                setSaved(didSave);
                if (editParam !== null)
                  setParams(
                    (p) => {
                      p.delete("edit");
                      return p;
                    },
                    { replace: true },
                  );
              }}
            />
          ) : (
            <MasterFacts product={product} />
          )}
        </section>
        <div className="listing-column">
          {PLATFORMS.map((p) => (
            <ListingCard
              key={p}
              platform={p}
              listing={product.listings.find((l) => l.platform === p)}
              currency={product.currency}
            />
          ))}
        </div>
      </div>
      <ChangePreview product={product} />
      <section className="card" aria-labelledby="log-title">
        <div className="card-header">
          <h2 id="log-title">{t("nav.logs")}</h2>
          <Link to={`/logs?productId=${product.id}`} className="small">
            {t("product.openLog")}
          </Link>
        </div>
        <SyncLogList productId={product.id} maxHeight="480px" />
      </section>
    </>
  );
}
