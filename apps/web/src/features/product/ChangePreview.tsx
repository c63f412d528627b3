import { Fragment } from "react";
import type { ProductDetailFragment } from "../../gql/graphql";
import { formatMoney, platformLabel } from "../../ui/format";
import { PLATFORMS } from "../batches/useStartBatch";
import { DEFAULT_MULTIPLIERS, expectedChannelPrice, sameAmount } from "./expected-price";

/**
 * What the next sync would change, as far as the client can honestly tell: the price the master
 * price implies at the platform's default multiplier against the price last sent, and the master
 * title beside the title last sent (the platform title is an SEO title built from the master, so a
 * difference there is expected and not by itself a change).
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
              <th className="num">Master × default multiplier</th>
              <th className="num">Price last sent</th>
              <th>Price</th>
            </tr>
          </thead>
          <tbody>
            {PLATFORMS.map((p) => {
              const listing = product.listings.find((l) => l.platform === p);
              const multiplier = DEFAULT_MULTIPLIERS[p] ?? "1";
              const expected = expectedChannelPrice(product.price, multiplier, product.currency);
              const unchanged =
                listing?.price !== undefined &&
                listing?.price !== null &&
                sameAmount(expected, listing.price);
              return (
                <tr key={p} data-testid={`preview-${p}`}>
                  <td>{platformLabel(p)}</td>
                  <td className="num" data-testid={`expected-price-${p}`} data-value={expected ?? ""}>
                    {formatMoney(expected, product.currency)}{" "}
                    <span className="muted small">(×{multiplier})</span>
                  </td>
                  <td className="num">{formatMoney(listing?.price, product.currency)}</td>
                  <td>
                    {!listing?.price ? (
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
        Prices use the default multipliers (Shopee ×1.15, TikTok Shop ×1.20) and whole-Rupiah rounding; a
        channel configured otherwise differs. Titles sent are SEO titles built from the master title, brand
        and attributes.
      </p>
    </section>
  );
}
