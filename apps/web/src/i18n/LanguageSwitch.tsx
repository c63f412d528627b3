import { useTranslation } from "react-i18next";
import { LANGUAGES, isLanguage } from "./languages";
import { setLanguage } from "./language";

/** The header's language picker; each language is named in itself so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  return (
    <label className="language-switch">
      <span className="sr-only">{t("language.label")}</span>
      <select
        value={current}
        onChange={(e) => void setLanguage(e.target.value)}
        data-testid="language-switch"
      >
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
