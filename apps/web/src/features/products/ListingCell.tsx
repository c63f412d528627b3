import { useTranslation } from "react-i18next";
import type { ListingSummaryFragment } from "../../gql/graphql";
import { formatMoney, formatRelative, platformLabel } from "../../ui/format";
import { StatusBadge } from "../../ui/StatusBadge";
import { useErrorClass, useStatusLabel } from "../../i18n/enums";

interface Props {
  listing: ListingSummaryFragment | undefined;
  platform: string;
  currency: string;
}

/** One platform's status for a product row; the last error shows on hover and in the expanded row. */
export function ListingCell({ listing, platform, currency }: Props) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const errorClass = useErrorClass();
  if (!listing)
    return (
      <StatusBadge
        status="NOT_LISTED"
        title={t("listing.neverSynced", { platform: platformLabel(platform) })}
      />
    );
  const hover = [
    `${platformLabel(platform)}: ${statusLabel(listing.status)}`,
    listing.price ? t("listing.priceSent", { price: formatMoney(listing.price, currency) }) : null,
    listing.syncedAt ? t("listing.synced", { when: formatRelative(listing.syncedAt) }) : null,
    listing.lastError
      ? t("listing.lastError", {
          errorClass: errorClass(listing.lastErrorClass).name,
          message: listing.lastError,
        })
      : null,
  ]
    .filter(Boolean)
    .join("\n");
  return (
    <span className="listing-cell">
      <StatusBadge status={listing.status} title={hover} />
      {listing.lastError && (
        <span
          className="error-dot"
          title={listing.lastError}
          aria-label={t("listing.lastErrorShort", { message: listing.lastError })}
        >
          !
        </span>
      )}
    </span>
  );
}
