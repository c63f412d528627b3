import i18next from "i18next";
import { LANGUAGE_STORAGE_KEY, isLanguage } from "./languages";

/** An explicit choice: remembered in this browser, so it wins over the browser's language next time. */
export async function setLanguage(code: string): Promise<void> {
  if (!isLanguage(code)) return;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // Storage refused (private mode, quota): the choice still holds for this visit.
  }
  await i18next.changeLanguage(code);
}
