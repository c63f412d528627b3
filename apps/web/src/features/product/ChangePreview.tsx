import { Fragment } from "react";
import type { ProductDetailFragment } from "../../gql/graphql";
import { formatMoney, platformLabel } from "../../ui/format";
import { PLATFORMS } from "../batches/useStartBatch";
import { sameAmount } from "./expected-price";

/**
 * What the next sync would change: the price the API says each channel gets (its configured
 * multiplier and the currency's rounding, the worker's own rule) against the price last sent, and
 * the master title beside the title last sent (the platform title is an SEO title built from the
 * master, so a difference there is expected and not by itself a change).
 */
export function ChangePreview({ product }: { product: ProductDetailFragment }) {
  return (
    <section className="card" aria-labelledby="preview-title">
      <div className="card-header">
        <h2 id="preview-title">On the next sync</h2>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Next sync changes">
        <table className="table compact">
          <thead>
            <tr>
              <th>Platform</th>
              <th className="num">Master × channel multiplier</th>
              <th className="num">Price last sent</th>
              <th>Price</th>
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
                    <span className="muted small">(×{Number(c.multiplier)})</span>
                  </td>
                  <td className="num">{formatMoney(listing?.price, c.currency)}</td>
                  <td>
                    {expected === null ? (
                      <span className="tag tone-warn">currency differs</span>
                    ) : !listing?.price ? (
                      <span className="tag tone-info">first listing</span>
                    ) : unchanged ? (
                      <span className="tag tone-ok">unchanged</span>
                    ) : (
                      <span className="tag tone-warn">will change</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <dl className="facts title-compare">
        <dt>Master title</dt>
        <dd className="wrap">{product.title}</dd>
        {PLATFORMS.map((p) => {
          const sent = product.listings.find((l) => l.platform === p)?.title;
          return (
            <Fragment key={p}>
              <dt>{platformLabel(p)} title sent</dt>
              <dd className="wrap">{sent ?? <em className="muted">not sent yet</em>}</dd>
            </Fragment>
          );
        })}
      </dl>
      <p className="small muted">
        Prices use each channel&apos;s configured multiplier and the currency&apos;s rounding (whole Rupiah).
        Titles sent are SEO titles built from the master title, brand and attributes.
      </p>
    </section>
  );
}
