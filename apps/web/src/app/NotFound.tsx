import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../ui/states";
import { useDocumentTitle } from "../ui/PageHeader";

export function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <EmptyState title={t("notFound.title")}>
      <p>
        {t("notFound.before")}
        <Link to="/products">{t("notFound.link")}</Link>
        {t("notFound.after")}
      </p>
    </EmptyState>
  );
}
