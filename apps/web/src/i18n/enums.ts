import { useTranslation } from "react-i18next";
import { humanize } from "../ui/format";
import { en } from "./en";

type StatusKey = keyof typeof en.status;
type ErrorClassKey = keyof typeof en.errorClass;

const isStatus = (s: string): s is StatusKey => Object.hasOwn(en.status, s);
const isErrorClass = (s: string): s is ErrorClassKey => Object.hasOwn(en.errorClass, s);

/** A status in the reader's language; a constant the catalog does not know yet (a newer server) reads as words. */
export function useStatusLabel(): (status: string) => string {
  const { t } = useTranslation();
  return (status) => (isStatus(status) ? t(`status.${status}`) : humanize(status));
}

/** An error class's name and what it means, translated; the marketplace's own message stays verbatim beside it. */
export function useErrorClass(): (errorClass: string | null | undefined) => {
  name: string;
  explanation: string | null;
} {
  const { t } = useTranslation();
  return (c) => {
    if (!c) return { name: t("errors.unclassified"), explanation: null };
    return isErrorClass(c)
      ? { name: t(`errorClass.${c}.name`), explanation: t(`errorClass.${c}.explanation`) }
      : { name: humanize(c), explanation: null };
  };
}
