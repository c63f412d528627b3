import { useQuery } from "@apollo/client/react";
import { useTranslation } from "react-i18next";
import { formatCount } from "../../ui/format";
import { deadLetterCountQuery } from "./operations";

/** The header's reminder that something needs a person. */
export function DeadLetterCount({ decorative = false }: { decorative?: boolean }) {
  const { t } = useTranslation();
  const { data } = useQuery(deadLetterCountQuery, { pollInterval: 10_000, fetchPolicy: "no-cache" });
  const n = data?.deadLetters.totalCount ?? 0;
  if (n === 0) return null;
  return (
    // The menu button repeats the count for the closed phone menu; the nav entry is the one announced.
    <span
      className="count-pill"
      aria-label={decorative ? undefined : t("deadLetters.count", { count: n })}
      aria-hidden={decorative || undefined}
      data-testid={decorative ? undefined : "dead-letter-count"}
    >
      {formatCount(n)}
    </span>
  );
}
