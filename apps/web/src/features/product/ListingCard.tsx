import type { ProductDetailFragment } from "../../gql/graphql";
import { formatDateTime, formatMoney, formatRelative, platformLabel } from "../../ui/format";
import { StatusBadge } from "../../ui/StatusBadge";

type Listing = ProductDetailFragment["listings"][number];

export function ListingCard({
  platform,
  listing,
  currency,
}: {
  platform: string;
  listing: Listing | undefined;
  currency: string;
}) {
  const status = listing?.status ?? "NOT_LISTED";
  return (
    <section
      className={`card listing-card platform-border-${platform.toLowerCase()}`}
      data-testid={`listing-${platform}`}
      data-status={status}
    >
      <div className="card-header">
        <h2>{platformLabel(platform)}</h2>
        <StatusBadge status={status} />
      </div>
      {!listing ? (
        <p className="muted">Never synced to {platformLabel(platform)}.</p>
      ) : (
        <dl className="facts">
          <dt>Price sent</dt>
          <dd data-testid={`listing-price-${platform}`} data-value={listing.price ?? ""}>
            {formatMoney(listing.price, currency)}
          </dd>
          <dt>Title sent</dt>
          <dd className="wrap">{listing.title ?? "—"}</dd>
          <dt>External id</dt>
          <dd className="mono">{listing.externalId ?? "—"}</dd>
          <dt>Shop</dt>
          <dd className="mono">{listing.shopId}</dd>
          <dt>Last sync</dt>
          <dd title={formatDateTime(listing.syncedAt)}>{formatRelative(listing.syncedAt)}</dd>
          {listing.rejectReason && (
            <>
              <dt>Rejected</dt>
              <dd className="text-bad wrap" data-testid={`listing-reject-${platform}`}>
                {listing.rejectReason}
              </dd>
            </>
          )}
          {listing.lastError && listing.lastError !== listing.rejectReason && (
            <>
              <dt>Last error</dt>
              <dd className="text-bad wrap" data-testid={`listing-error-${platform}`}>
                {listing.lastErrorClass && <strong>{listing.lastErrorClass}: </strong>}
                {listing.lastError}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
