import { useTranslation } from "react-i18next";
import type { BatchOriginFieldsFragment } from "../../gql/graphql";
import { useStatusLabel } from "../../i18n/enums";
import { platformLabel } from "../../ui/format";

/** "Search “kaos” · 120 products": what the batch holds, in words. */
export function useScopeText(): (origin: BatchOriginFieldsFragment) => string {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  return ({ scope }) => {
    const count = scope.products;
    switch (scope.kind) {
      case "SEARCH":
        return t("batchOrigin.scopeSearch", { search: scope.search ?? "", count });
      case "FILTER": {
        const parts = [
          scope.search ? t("batchOrigin.searchPart", { search: scope.search }) : null,
          scope.listingStatus
            ? scope.listingPlatform
              ? t("batchOrigin.statusOn", {
                  status: statusLabel(scope.listingStatus),
                  platform: platformLabel(scope.listingPlatform),
                })
              : statusLabel(scope.listingStatus)
            : scope.listingPlatform
              ? t("batchOrigin.listedOn", { platform: platformLabel(scope.listingPlatform) })
              : null,
        ].filter((p): p is string => p !== null);
        return t("batchOrigin.scopeFilter", { filter: parts.join(" · "), count });
      }
      case "CATALOG":
        return t("batchOrigin.scopeCatalog", { count });
      case "DEAD_LETTERS":
        return t("batchOrigin.scopeDeadLetters", { count });
      default:
        return t("batchOrigin.scopeProducts", { count });
    }
  };
}

/** "Manual · by Dewi Operator" / "Automatic · by SyncStore" / "Retry · by API key “partner”". */
export function useStartedText(): (origin: BatchOriginFieldsFragment) => string {
  const { t } = useTranslation();
  return ({ trigger, startedBy }) => {
    const what = t(`batchOrigin.trigger.${trigger}`);
    if (!startedBy) return what;
    const who =
      startedBy.kind === "SYSTEM"
        ? t("batchOrigin.bySystem")
        : startedBy.kind === "API_KEY"
          ? t("batchOrigin.byKey", { name: startedBy.name ?? "" })
          : t("batchOrigin.byUser", { name: startedBy.name ?? "" });
    return `${what} · ${who}`;
  };
}

/** The batch's name (its label, else what it holds) over what started it. */
export function BatchOriginLine({ origin }: { origin: BatchOriginFieldsFragment | null | undefined }) {
  const scopeText = useScopeText();
  const startedText = useStartedText();
  if (!origin) return null;
  return (
    <span className="batch-origin" data-testid="batch-origin">
      <span className="batch-origin-name">{origin.label ?? scopeText(origin)}</span>
      <span className="muted small">
        {origin.label ? `${scopeText(origin)} · ` : ""}
        {startedText(origin)}
      </span>
    </span>
  );
}
