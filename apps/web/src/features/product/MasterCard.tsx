import { useTranslation } from "react-i18next";
import type { ProductDetailFragment } from "../../gql/graphql";
import { formatCount, formatDateTime, formatMoney } from "../../ui/format";

export function MasterFacts({ product }: { product: ProductDetailFragment }) {
  const { t } = useTranslation();
  const d = product.dimensions;
  return (
    <>
      <dl className="facts" data-testid="master-facts">
        <dt>{t("products.price")}</dt>
        <dd data-testid="master-price" data-value={product.price}>
          {formatMoney(product.price, product.currency)}
        </dd>
        <dt>{t("products.stock")}</dt>
        <dd className={product.stock < 0 ? "text-bad" : undefined}>{formatCount(product.stock)}</dd>
        <dt>{t("products.productTitle")}</dt>
        <dd className="wrap">{product.title}</dd>
        <dt>{t("product.brand")}</dt>
        <dd>{product.brand ?? <span className="text-warn">{t("product.none")}</span>}</dd>
        <dt>{t("product.category")}</dt>
        <dd>{product.category ?? <span className="text-warn">{t("product.none")}</span>}</dd>
        <dt>{t("product.weight")}</dt>
        <dd>
          {product.weightGrams === null ? (
            <span className="text-warn">{t("product.missing")}</span>
          ) : (
            t("product.grams", { grams: formatCount(product.weightGrams) })
          )}
        </dd>
        <dt>{t("product.dimensions")}</dt>
        <dd>
          {d ? (
            t("product.cm", {
              l: formatCount(d.lengthCm),
              w: formatCount(d.widthCm),
              h: formatCount(d.heightCm),
            })
          ) : (
            <span className="text-warn">{t("product.missing")}</span>
          )}
        </dd>
        <dt>{t("product.updatedLabel")}</dt>
        <dd>{formatDateTime(product.updatedAt)}</dd>
      </dl>
      {product.attributes.length > 0 && (
        <p className="attributes">
          {product.attributes.map((a) => (
            <span key={a.name} className="tag">
              {a.name}: {a.value}
            </span>
          ))}
        </p>
      )}
      <div className="images" role="group" aria-label={t("product.images")}>
        {product.imageDisplayUrls.length === 0 ? (
          <span className="text-warn">{t("product.noImages")}</span>
        ) : (
          // Same-origin links (the API's image proxy for other hosts): the page's CSP allows no others.
          product.imageDisplayUrls.map((src, i) => (
            <img key={`${i}:${src}`} src={src} alt="" loading="lazy" width={64} height={64} />
          ))
        )}
      </div>
      <details className="description">
        <summary>{t("product.descriptionChars", { count: product.description.length })}</summary>
        <p className="wrap">{product.description || <em className="muted">{t("product.emptyText")}</em>}</p>
      </details>
      {product.variants.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("product.variants")}>
          <table className="table compact">
            <caption className="sr-only">{t("product.variants")}</caption>
            <thead>
              <tr>
                <th>{t("product.variantSku")}</th>
                <th>{t("product.options")}</th>
                <th className="num">{t("products.price")}</th>
                <th className="num">{t("products.stock")}</th>
              </tr>
            </thead>
            <tbody>
              {product.variants.map((v) => (
                <tr key={v.id}>
                  <td className="mono">{v.sku}</td>
                  <td>{v.options.map((o) => `${o.name}: ${o.value}`).join(", ")}</td>
                  <td className="num">{formatMoney(v.price, product.currency)}</td>
                  <td className="num">{formatCount(v.stock)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
