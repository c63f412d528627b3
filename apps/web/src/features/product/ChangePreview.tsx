import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { ProductDetailFragment } from "../../gql/graphql";
import { formatMoney, formatMultiplier, platformLabel } from "../../ui/format";
import { PLATFORMS } from "../batches/useStartBatch";
import { sameAmount } from "./expected-price";

/**
 * What the next sync would change: the price the API says each channel gets (its configured
 * multiplier and the currency's rounding, the worker's own rule) against the price last sent, and
 * the master title beside the title last sent (the platform title is an SEO title built from the
 * master, so a difference there is expected and not by itself a change).
 */
export function ChangePreview({ product }: { product: ProductDetailFragment }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="preview-title">
      <div className="card-header">
        <h2 id="preview-title">{t("preview.title")}</h2>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t("preview.changes")}>
        <table className="table compact">
          <thead>
            <tr>
              <th>{t("products.platform")}</th>
              <th className="num">{t("preview.expected")}</th>
              <th className="num">{t("preview.lastSent")}</th>
              <th>{t("products.price")}</th>
            </tr>
          </thead>
          <tbody>
            {product.channelPrices.map((c) => {
              const p = c.platform;
              const listing = product.listings.find((l) => l.platform === p && l.shopId === c.shopId);
              const expected = c.expectedPrice ?? null;
              const unchanged =
                listing?.price !== undefined &&
                listing?.price !== null &&
                sameAmount(expected, listing.price);
              return (
                <tr key={c.channelId} data-testid={`preview-${p}`}>
                  <td>{platformLabel(p)}</td>
                  <td className="num" data-testid={`expected-price-${p}`} data-value={expected ?? ""}>
                    {formatMoney(expected, c.currency)}{" "}
                    <span className="muted small">(×{formatMultiplier(Number(c.multiplier))})</span>
                  </td>
                  <td className="num">{formatMoney(listing?.price, c.currency)}</td>
                  <td>
                    {expected === null ? (
                      <span className="tag tone-warn">{t("preview.currencyDiffers")}</span>
                    ) : !listing?.price ? (
                      <span className="tag tone-info">{t("preview.firstListing")}</span>
                    ) : unchanged ? (
                      <span className="tag tone-ok">{t("preview.unchanged")}</span>
                    ) : (
                      <span className="tag tone-warn">{t("preview.willChange")}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dl className="facts title-compare">
        <dt>{t("preview.masterTitle")}</dt>
        <dd className="wrap">{product.title}</dd>
        {PLATFORMS.map((p) => {
          const sent = product.listings.find((l) => l.platform === p)?.title;
          return (
            <Fragment key={p}>
              <dt>{t("preview.platformTitleSent", { platform: platformLabel(p) })}</dt>
              <dd className="wrap">{sent ?? <em className="muted">{t("preview.notSent")}</em>}</dd>
            </Fragment>
          );
        })}
      </dl>
      <p className="small muted">{t("preview.note")}</p>
    </section>
  );
}
