import type { ListingSummaryFragment } from "../../gql/graphql";
import { formatMoney, formatRelative, platformLabel } from "../../ui/format";
import { StatusBadge } from "../../ui/StatusBadge";

interface Props {
  listing: ListingSummaryFragment | undefined;
  platform: string;
  currency: string;
}

/** One platform's status for a product row; the last error shows on hover and in the expanded row. */
export function ListingCell({ listing, platform, currency }: Props) {
  if (!listing)
    return <StatusBadge status="NOT_LISTED" title={`Never synced to ${platformLabel(platform)}`} />;
  const hover = [
    `${platformLabel(platform)}: ${listing.status.replace(/_/g, " ").toLowerCase()}`,
    listing.price ? `price sent ${formatMoney(listing.price, currency)}` : null,
    listing.syncedAt ? `synced ${formatRelative(listing.syncedAt)}` : null,
    listing.lastError ? `last error (${listing.lastErrorClass ?? "error"}): ${listing.lastError}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  return (
    <span className="listing-cell">
      <StatusBadge status={listing.status} title={hover} />
      {listing.lastError && (
        <span className="error-dot" title={listing.lastError} aria-label={`Last error: ${listing.lastError}`}>
          !
        </span>
      )}
    </span>
  );
}
