import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The tab's title for a page, in the reader's language; a page without a header names itself here. */
export function useDocumentTitle(title: string | null): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (title !== null) document.title = t("app.pageTitle", { title });
  }, [title, t]);
}

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  useDocumentTitle(typeof title === "string" ? title : null);
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
