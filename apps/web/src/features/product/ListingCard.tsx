import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { ProductDetailFragment } from "../../gql/graphql";
import { formatDateTime, formatMoney, formatRelative, platformLabel } from "../../ui/format";
import { StatusBadge } from "../../ui/StatusBadge";
import { MarketplaceError } from "../../ui/MarketplaceError";
import { fixFor } from "../dead-letters/groups";
import { inputForField } from "./edit-fields";

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
  const { t } = useTranslation();
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
        <p className="muted">{t("listing.neverSynced", { platform: platformLabel(platform) })}</p>
      ) : (
        <dl className="facts">
          <dt>{t("listing.priceSentLabel")}</dt>
          <dd data-testid={`listing-price-${platform}`} data-value={listing.price ?? ""}>
            {formatMoney(listing.price, currency)}
          </dd>
          <dt>{t("listing.titleSent")}</dt>
          <dd className="wrap">{listing.title ?? "—"}</dd>
          <dt>{t("listing.externalId")}</dt>
          <dd className="mono">{listing.externalId ?? "—"}</dd>
          <dt>{t("listing.shop")}</dt>
          <dd className="mono">{listing.shopId}</dd>
          <dt>{t("listing.lastSync")}</dt>
          <dd title={formatDateTime(listing.syncedAt)}>{formatRelative(listing.syncedAt)}</dd>
          {listing.rejectReason && (
            <>
              <dt>{t("listing.rejected")}</dt>
              <dd className="text-bad wrap" data-testid={`listing-reject-${platform}`} translate="no">
                {listing.rejectReason}
              </dd>
            </>
          )}
          {listing.lastError && listing.lastError !== listing.rejectReason && (
            <>
              <dt>{t("listing.lastErrorLabel")}</dt>
              <dd className="text-bad wrap" data-testid={`listing-error-${platform}`}>
                <MarketplaceError errorClass={listing.lastErrorClass} message={listing.lastError} explain />
                <FixLink listing={listing} />
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}

/** A validation failure that names a field links to its input, or to the Channels page for a mapping. */
function FixLink({ listing }: { listing: Listing }) {
  const { t } = useTranslation();
  const field = listing.lastErrorField;
  if (listing.lastErrorClass !== "VALIDATION" || !field) return null;
  if (fixFor({ errorClass: "VALIDATION", errorField: field }) === "mapCategory")
    return (
      <Link className="button button-small fix-link" to="/channels">
        {t("deadLetters.mapField", { field })}
      </Link>
    );
  if (!inputForField(field)) return null;
  return (
    <Link className="button button-small fix-link" to={`?edit=${encodeURIComponent(field)}`}>
      {t("deadLetters.fixField", { field })}
    </Link>
  );
}
