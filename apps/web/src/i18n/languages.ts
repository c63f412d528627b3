/** The dashboard's languages, named in their own language so anyone can find theirs in the switch. */
export const LANGUAGES = [
  { code: "en", name: "English" },
  { code: "id", name: "Bahasa Indonesia" },
] as const;

export type Language = (typeof LANGUAGES)[number]["code"];

export const LANGUAGE_STORAGE_KEY = "syncstore.lang";

export function isLanguage(code: string | undefined): code is Language {
  return LANGUAGES.some((l) => l.code === code);
}

/** What Intl formats with, per language: English keeps day-month dates and a 24-hour clock. */
export const INTL_LOCALES: Record<Language, { numbers: string; dates: string }> = {
  en: { numbers: "en-US", dates: "en-GB" },
  id: { numbers: "id-ID", dates: "id-ID" },
};
