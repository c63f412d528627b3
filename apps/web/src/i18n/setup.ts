import i18n, { type BackendModule, type ResourceKey } from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { LANGUAGE_STORAGE_KEY, LANGUAGES, type Language } from "./languages";

/**
 * English ships in the first load; every other catalog is its own chunk, fetched only by someone who
 * reads that language, so adding a language never weighs on the dashboard's first paint.
 */
const LAZY_CATALOGS: Record<Exclude<Language, "en">, () => Promise<ResourceKey>> = {
  id: async () => (await import("./id")).id,
};

const lazyCatalogs: BackendModule = {
  type: "backend",
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = LAZY_CATALOGS[language as keyof typeof LAZY_CATALOGS];
    if (!load) return callback(null, {});
    load().then(
      (catalog) => callback(null, catalog),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  },
};

function syncDocumentLanguage(lng: string) {
  document.documentElement.lang = lng;
}
i18n.on("languageChanged", syncDocumentLanguage);

export const ready = i18n
  .use(lazyCatalogs)
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en } },
    // The bundled English must not stop the backend from loading the other catalogs.
    partialBundledLanguages: true,
    supportedLngs: LANGUAGES.map((l) => l.code),
    // "id-ID" from the browser reads the "id" catalog.
    load: "languageOnly",
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    detection: {
      // A choice made with the switch wins over the browser; the browser's wins over nothing.
      order: ["localStorage", "navigator"],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      // Only an explicit choice is remembered (see setLanguage): a detected language follows the browser.
      caches: [],
    },
    react: { useSuspense: true },
  });

export { i18n };
