import type { ProductDetailFragment } from "../../gql/graphql";
import { formatCount, formatDateTime, formatMoney } from "../../ui/format";

export function MasterFacts({ product }: { product: ProductDetailFragment }) {
  const d = product.dimensions;
  return (
    <>
      <dl className="facts" data-testid="master-facts">
        <dt>Price</dt>
        <dd data-testid="master-price" data-value={product.price}>
          {formatMoney(product.price, product.currency)}
        </dd>
        <dt>Stock</dt>
        <dd className={product.stock < 0 ? "text-bad" : undefined}>{formatCount(product.stock)}</dd>
        <dt>Title</dt>
        <dd className="wrap">{product.title}</dd>
        <dt>Brand</dt>
        <dd>{product.brand ?? <span className="text-warn">none</span>}</dd>
        <dt>Category</dt>
        <dd>{product.category ?? <span className="text-warn">none</span>}</dd>
        <dt>Weight</dt>
        <dd>
          {product.weightGrams === null ? (
            <span className="text-warn">missing</span>
          ) : (
            `${formatCount(product.weightGrams)} g`
          )}
        </dd>
        <dt>Dimensions</dt>
        <dd>
          {d ? `${d.lengthCm} × ${d.widthCm} × ${d.heightCm} cm` : <span className="text-warn">missing</span>}
        </dd>
        <dt>Updated</dt>
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
      <div className="images" role="group" aria-label="Images">
        {product.images.length === 0 ? (
          <span className="text-warn">No images</span>
        ) : (
          product.images.map((src) => (
            <img key={src} src={src} alt="" loading="lazy" width={64} height={64} />
          ))
        )}
      </div>
      <details className="description">
        <summary>Description ({formatCount(product.description.length)} characters)</summary>
        <p className="wrap">{product.description || <em className="muted">empty</em>}</p>
      </details>
      {product.variants.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Variants">
          <table className="table compact">
            <caption className="sr-only">Variants</caption>
            <thead>
              <tr>
                <th>Variant SKU</th>
                <th>Options</th>
                <th className="num">Price</th>
                <th className="num">Stock</th>
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
