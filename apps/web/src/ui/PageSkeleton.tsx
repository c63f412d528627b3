import { useTranslation } from "react-i18next";

/** What a page shows while its code arrives: the shape of a page, announced as loading. */
export function PageSkeleton() {
  // It is also the fallback while a catalog loads, so it must not wait for one itself.
  const { t } = useTranslation(undefined, { useSuspense: false });
  return (
    <div className="page-skeleton" aria-busy="true" aria-label={t("app.loadingPage")} role="status">
      <span className="skeleton skeleton-title" />
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <span key={i} className="skeleton" />
      ))}
    </div>
  );
}
